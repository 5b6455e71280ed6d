package io.leaderlens.models.smile;

import static java.util.Objects.requireNonNull;

import io.leaderlens.models.AnomalyDetector;
import java.io.Serializable;
import java.util.List;
import smile.anomaly.IsolationForest;
import smile.math.MathEx;

/** Smile's isolation forest behind {@link AnomalyDetector}. */
public final class IsolationForestDetector implements AnomalyDetector, Serializable {
    // models are saved with Java serialization in the registry: the id stays fixed so saved models keep loading
    private static final long serialVersionUID = -9123224712430731416L;

    /** Trees, depth limit, share of rows each tree sees, seed. */
    public record Settings(int trees, int maxDepth, double subsample, long seed) {
        public static Settings defaults() {
            // depth ~ log2(256 rows per tree): deeper trees only isolate the ordinary
            return new Settings(100, 8, 0.1, 42);
        }
    }

    private final List<String> featureNames;
    private final IsolationForest forest;
    private transient CompiledIsolationForest compiled;

    private IsolationForestDetector(List<String> featureNames, IsolationForest forest) {
        this.featureNames = List.copyOf(featureNames);
        this.forest = requireNonNull(forest, "forest");
    }

    public static IsolationForestDetector train(List<String> featureNames, double[][] x, Settings settings) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no rows to train the anomaly detector on");
        }
        double subsample = Math.min(1.0, Math.max(settings.subsample(), 256.0 / x.length));
        synchronized (MathEx.class) { // Smile draws from a shared generator; the seed makes a run repeatable
            MathEx.setSeed(settings.seed());
            return new IsolationForestDetector(featureNames, IsolationForest.fit(x, settings.trees(), settings.maxDepth(), subsample, 0));
        }
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double score(double[] features) {
        if (compiled == null) {
            compiled = CompiledIsolationForest.of(forest); // once per loaded model (it is not serialized)
        }
        return compiled.score(features);
    }

    /** Smile's own scoring, which {@link #score} must equal. */
    double smileScore(double[] features) {
        return forest.score(features);
    }
}
