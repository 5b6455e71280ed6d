package io.leaderlens.models;

import java.util.List;

/**
 * An unsupervised anomaly score, trained without labels: how unusual a feature vector is against the
 * training period (higher is more unusual; not a probability). It points the risk team at patterns no
 * label describes yet. The Smile implementation stays in {@code io.leaderlens.models.smile}.
 */
public interface AnomalyDetector {
    List<String> featureNames();

    double score(double[] features);
}
