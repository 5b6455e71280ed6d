package io.leaderlens.models.smile;

import io.leaderlens.models.FraudModel;
import java.io.Serializable;
import java.util.List;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;

/** Gradient-boosted trees from Smile behind {@link FraudModel}. */
public final class GradientBoostedTrees implements FraudModel, Serializable {
    // models are saved with Java serialization in the registry: the id stays fixed so saved models keep loading
    private static final long serialVersionUID = 4427769049349392583L;

    private static final String LABEL = "label";

    /** Training settings: trees, depth, leaves, minimum leaf size, learning rate, row subsample. */
    public record Settings(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample, long seed) {
        public static Settings defaults() {
            return new Settings(300, 6, 32, 20, 0.05, 0.8, 42);
        }

        public Settings withTrees(int n) {
            return new Settings(n, maxDepth, maxNodes, nodeSize, shrinkage, subsample, seed);
        }
    }

    private final List<String> featureNames;
    private final GradientTreeBoost model;
    private final StructType schema;
    private transient CompiledGradientBoost compiled;
    private transient boolean compileTried;

    private GradientBoostedTrees(List<String> featureNames, GradientTreeBoost model, StructType schema) {
        this.featureNames = List.copyOf(featureNames);
        this.model = model;
        this.schema = schema;
    }

    public static GradientBoostedTrees train(List<String> featureNames, double[][] features, int[] labels, Settings settings) {
        smile.math.MathEx.setSeed(settings.seed()); // row subsampling is random: same data, same model
        DataFrame x = DataFrame.of(features, featureNames.toArray(String[]::new));
        DataFrame data = x.merge(IntVector.of(LABEL, labels));
        GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs(LABEL), data, settings.trees(), settings.maxDepth(),
                settings.maxNodes(), settings.nodeSize(), settings.shrinkage(), settings.subsample());
        return new GradientBoostedTrees(featureNames, model, x.schema());
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double score(double[] features) {
        if (!compileTried) {
            compiled = CompiledGradientBoost.of(model); // once per loaded model (it is not serialized)
            compileTried = true;
        }
        return compiled != null ? compiled.score(features) : smileScore(features);
    }

    /** True when scoring runs on the compiled layout (rather than through Smile). */
    boolean compiled() {
        score(new double[featureNames.size()]);
        return compiled != null;
    }

    /** Smile's own scoring, which {@link #score} must equal. */
    double smileScore(double[] features) {
        double[] posterior = new double[2];
        model.predict(Tuple.of(features, schema), posterior);
        return posterior[1];
    }

    @Override
    public double[] importance() {
        return model.importance();
    }

    /** Tree SHAP values for the fraud class: from the flat layout when it scores, else Smile's. */
    @Override
    public double[] contributions(double[] features) {
        score(features); // lays the model out on first use
        return compiled != null ? compiled.contributions(features) : smileContributions(features);
    }

    /** Smile's own Tree SHAP values for the fraud class, which {@link #contributions} must equal (Smile lays out classes per feature: index feature * classes + class). */
    double[] smileContributions(double[] features) {
        double[] shap = model.shap(Tuple.of(features, schema));
        int p = featureNames.size();
        if (shap.length == p) {
            return shap;
        }
        int classes = shap.length / p;
        double[] fraud = new double[p];
        for (int i = 0; i < p; i++) {
            fraud[i] = shap[i * classes + (classes - 1)];
        }
        return fraud;
    }
}
