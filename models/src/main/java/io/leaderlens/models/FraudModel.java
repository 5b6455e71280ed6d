package io.leaderlens.models;

import java.util.List;

/**
 * A trained fraud model: a probability-like score in [0, 1] for a feature vector laid out as
 * {@link #featureNames()}. leaderlens code depends on this interface only; the Smile implementation
 * (GPL-3.0) stays in {@code io.leaderlens.models.smile} and can be replaced.
 */
public interface FraudModel {
    List<String> featureNames();

    double score(double[] features);

    /** Relative importance of each feature, same order as {@link #featureNames()}. */
    double[] importance();

    /**
     * How much each feature pushed this vector's score towards fraud (positive) or away (negative), same
     * order as {@link #featureNames()}: the basis of an alert's reasons.
     */
    double[] contributions(double[] features);
}
