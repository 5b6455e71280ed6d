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
    private final double[] cover;  // training samples that reached the node (Tree SHAP weighs the paths by it)
    private final int maxDepth;
    private final int features;
    private final double intercept;
    private final double shrinkage;

    private CompiledGradientBoost(int[] roots, Nodes nodes, double intercept, double shrinkage) {
        this.roots = roots;
        this.feature = ints(nodes.feature);
        this.threshold = doubles(nodes.threshold);
        this.output = doubles(nodes.output);
        this.whenLessOrEqual = ints(nodes.yes);
        this.otherwise = ints(nodes.no);
        this.cover = doubles(nodes.cover);
        int deepest = 0;
        int widest = 0;
        for (int root : roots) {
            deepest = Math.max(deepest, depth(root));
        }
        for (int f : feature) {
            widest = Math.max(widest, f + 1);
        }
        this.maxDepth = deepest;
        this.features = widest;
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

    /**
     * Tree SHAP values of the fraud class, as Smile's {@code GradientTreeBoost.shap} gives them for two classes (the
     * mean of the trees' values), computed on the flat layout: Smile builds path objects for every node of every
     * tree and was a sixth of the fraud job's CPU when many scores were flagged (2026-11-29 profile). The algorithm is
     * Lundberg et al.'s polynomial-time Tree SHAP (2018, algorithm 2); a test holds it to Smile's values.
     */
    double[] contributions(double[] x) {
        double[] phi = new double[Math.max(features, x.length)];
        // one segment of the path per depth: a child copies its parent's path and extends it
        int segment = maxDepth + 2;
        Path path = new Path(segment * (segment + 1));
        for (int root : roots) {
            recurse(root, x, phi, path, 0, 0, 0, 1, 1, -1);
        }
        for (int f = 0; f < phi.length; f++) {
            phi[f] /= roots.length; // Smile's scale: the trees' mean
        }
        return phi;
    }

    private void recurse(int node, double[] x, double[] phi, Path path, int parentStart, int start, int depth,
                         double zeroFraction, double oneFraction, int featureIndex) {
        if (start != parentStart) {
            path.copy(parentStart, start, depth);
        }
        path.extend(start, depth, zeroFraction, oneFraction, featureIndex);
        if (feature[node] < 0) {
            for (int i = 1; i <= depth; i++) {
                double w = path.unwoundSum(start, depth, i);
                int at = start + i;
                phi[path.feature[at]] += w * (path.one[at] - path.zero[at]) * output[node];
            }
            return;
        }
        int split = feature[node];
        int hot = x[split] <= threshold[node] ? whenLessOrEqual[node] : otherwise[node];
        int cold = hot == whenLessOrEqual[node] ? otherwise[node] : whenLessOrEqual[node];
        double incomingZero = 1;
        double incomingOne = 1;
        int seen = 0;
        while (seen <= depth && path.feature[start + seen] != split) {
            seen++;
        }
        if (seen <= depth) { // split on this feature before: undo that step, this one stands for both
            incomingZero = path.zero[start + seen];
            incomingOne = path.one[start + seen];
            path.unwind(start, depth, seen);
            depth--;
        }
        int next = start + depth + 1 + 1;
        recurse(hot, x, phi, path, start, next, depth + 1, cover[hot] / cover[node] * incomingZero, incomingOne, split);
        recurse(cold, x, phi, path, start, next, depth + 1, cover[cold] / cover[node] * incomingZero, 0, split);
    }

    private int depth(int node) {
        return feature[node] < 0 ? 0 : 1 + Math.max(depth(whenLessOrEqual[node]), depth(otherwise[node]));
    }

    /** The unique path of Tree SHAP in parallel arrays: each element a feature, its zero and one fractions and a weight. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int size) {
            feature = new int[size];
            zero = new double[size];
            one = new double[size];
            weight = new double[size];
        }

        void copy(int from, int to, int length) {
            System.arraycopy(feature, from, feature, to, length);
            System.arraycopy(zero, from, zero, to, length);
            System.arraycopy(one, from, one, to, length);
            System.arraycopy(weight, from, weight, to, length);
        }

        void extend(int s, int depth, double zeroFraction, double oneFraction, int featureIndex) {
            feature[s + depth] = featureIndex;
            zero[s + depth] = zeroFraction;
            one[s + depth] = oneFraction;
            weight[s + depth] = depth == 0 ? 1 : 0;
            for (int i = depth - 1; i >= 0; i--) {
                weight[s + i + 1] += oneFraction * weight[s + i] * (i + 1) / (depth + 1);
                weight[s + i] = zeroFraction * weight[s + i] * (depth - i) / (depth + 1);
            }
        }

        void unwind(int s, int depth, int index) {
            double oneFraction = one[s + index];
            double zeroFraction = zero[s + index];
            double next = weight[s + depth];
            for (int i = depth - 1; i >= 0; i--) {
                if (oneFraction != 0) {
                    double previous = weight[s + i];
                    weight[s + i] = next * (depth + 1) / ((i + 1) * oneFraction);
                    next = previous - weight[s + i] * zeroFraction * (depth - i) / (depth + 1);
                } else {
                    weight[s + i] = weight[s + i] * (depth + 1) / (zeroFraction * (depth - i));
                }
            }
            for (int i = index; i < depth; i++) {
                feature[s + i] = feature[s + i + 1];
                zero[s + i] = zero[s + i + 1];
                one[s + i] = one[s + i + 1];
            }
        }

        double unwoundSum(int s, int depth, int index) {
            double oneFraction = one[s + index];
            double zeroFraction = zero[s + index];
            double next = weight[s + depth];
            double total = 0;
            for (int i = depth - 1; i >= 0; i--) {
                if (oneFraction != 0) {
                    double w = next * (depth + 1) / ((i + 1) * oneFraction);
                    total += w;
                    next = weight[s + i] - w * zeroFraction * (depth - i) / (depth + 1);
                } else {
                    total += weight[s + i] / zeroFraction * (depth + 1) / (depth - i);
                }
            }
            return total;
        }
    }

    private static final class Nodes {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Double> output = new ArrayList<>();
        final List<Integer> yes = new ArrayList<>();
        final List<Integer> no = new ArrayList<>();
        final List<Double> cover = new ArrayList<>();
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
            cover.add((double) node.size());
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
