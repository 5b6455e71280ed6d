package io.leaderlens.models.smile;

import static io.leaderlens.models.smile.SmileLayout.doubles;
import static io.leaderlens.models.smile.SmileLayout.field;
import static io.leaderlens.models.smile.SmileLayout.ints;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.base.cart.InternalNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.GradientTreeBoost;
import smile.regression.RegressionTree;

/**
 * Smile's binary gradient-boosted trees laid out in flat arrays for scoring: Smile wraps every row in a tuple,
 * projects it through the model's formula twice and walks each tree through node objects. The trees split on
 * ordinal features only (every feature is a number), so a node is a feature, a threshold and two children; the
 * fraud probability is Smile's formula for two classes, {@code 1 - 1 / (1 + exp(2 f))}, with the trees' outputs
 * added in Smile's order. Scores equal Smile's bit for bit (a test holds them side by side). Built once per
 * loaded model: node fields are read by reflection from Smile 3.1.1; a model with other node kinds is refused
 * (the caller then scores with Smile).
 */
final class CompiledGradientBoost {
    private final int[] roots;
    private final int[] feature;   // -1: leaf
    private final double[] threshold;
    private final double[] output; // a leaf's output
    private final int[] whenLessOrEqual;
    private final int[] otherwise;
    private final double intercept;
    private final double shrinkage;

    private CompiledGradientBoost(int[] roots, Nodes nodes, double intercept, double shrinkage) {
        this.roots = roots;
        this.feature = ints(nodes.feature);
        this.threshold = doubles(nodes.threshold);
        this.output = doubles(nodes.output);
        this.whenLessOrEqual = ints(nodes.yes);
        this.otherwise = ints(nodes.no);
        this.intercept = intercept;
        this.shrinkage = shrinkage;
    }

    /** The compiled model, or null when it has something this layout does not cover (more classes, nominal splits). */
    static CompiledGradientBoost of(GradientTreeBoost model) {
        try {
            if (field(GradientTreeBoost.class, "k").getInt(model) != 2) {
                return null;
            }
            Nodes nodes = new Nodes();
            RegressionTree[] trees = model.trees();
            int[] roots = new int[trees.length];
            for (int i = 0; i < trees.length; i++) {
                roots[i] = nodes.add(trees[i].root());
            }
            return new CompiledGradientBoost(roots, nodes, field(GradientTreeBoost.class, "b").getDouble(model),
                    field(GradientTreeBoost.class, "shrinkage").getDouble(model));
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot lay out this Smile model for scoring (Smile version changed?)", e);
        }
    }

    /** The fraud class's probability. */
    double score(double[] x) {
        double f = intercept;
        for (int root : roots) {
            int n = root;
            while (feature[n] >= 0) {
                n = x[feature[n]] <= threshold[n] ? whenLessOrEqual[n] : otherwise[n];
            }
            f += shrinkage * output[n];
        }
        double notFraud = 1.0 / (1.0 + Math.exp(2.0 * f));
        return 1.0 - notFraud;
    }

    private static final class Nodes {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Double> output = new ArrayList<>();
        final List<Integer> yes = new ArrayList<>();
        final List<Integer> no = new ArrayList<>();
        private final Field splitValue;

        Nodes() throws NoSuchFieldException {
            splitValue = field(OrdinalNode.class, "value");
        }

        int add(Node node) throws ReflectiveOperationException {
            int id = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            output.add(0.0);
            yes.add(-1);
            no.add(-1);
            if (node instanceof RegressionNode leaf) {
                output.set(id, leaf.output());
                return id;
            }
            if (!(node instanceof OrdinalNode split)) {
                throw new UnsupportedOperationException(node.getClass().getName());
            }
            feature.set(id, ((InternalNode) split).feature());
            threshold.set(id, splitValue.getDouble(split));
            yes.set(id, add(split.trueChild()));
            no.set(id, add(split.falseChild()));
            return id;
        }
    }
}
