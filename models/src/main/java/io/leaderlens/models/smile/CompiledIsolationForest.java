package io.leaderlens.models.smile;

import static io.leaderlens.models.smile.SmileLayout.doubles;
import static io.leaderlens.models.smile.SmileLayout.field;
import static io.leaderlens.models.smile.SmileLayout.ints;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/**
 * Smile's isolation forest laid out in flat arrays for scoring. Smile walks each tree through objects and
 * takes the dot product of the whole feature vector with every node's normal; trained with extension level 0
 * (axis-parallel splits, as leaderlens trains them) a normal has one non-zero component, so the product is that
 * one component times one feature — the same number, computed in one multiplication. Scores equal Smile's
 * bit for bit (a test holds them side by side); nodes with several non-zero components keep the full product.
 * Built once per loaded model: the node fields are read by reflection from Smile 3.1.1.
 */
final class CompiledIsolationForest {
    private final int[] roots;
    private final int[] feature;      // -1: leaf; -2: full dot product with slopes[node]
    private final double[] weight;
    private final double[] bias;
    private final double[] depth;
    private final int[] left;
    private final int[] right;
    private final double[][] slopes;
    private final double c;

    private CompiledIsolationForest(int[] roots, Nodes nodes, double c) {
        this.roots = roots;
        this.feature = ints(nodes.feature);
        this.weight = doubles(nodes.weight);
        this.bias = doubles(nodes.bias);
        this.depth = doubles(nodes.depth);
        this.left = ints(nodes.left);
        this.right = ints(nodes.right);
        this.slopes = nodes.slopes.toArray(double[][]::new);
        this.c = c;
    }

    static CompiledIsolationForest of(IsolationForest forest) {
        try {
            Field rootField = field(IsolationTree.class, "root");
            Field cField = field(IsolationForest.class, "c");
            Nodes nodes = new Nodes();
            IsolationTree[] trees = forest.trees();
            int[] roots = new int[trees.length];
            for (int i = 0; i < trees.length; i++) {
                roots[i] = nodes.add(rootField.get(trees[i]));
            }
            return new CompiledIsolationForest(roots, nodes, cField.getDouble(forest));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot lay out this Smile isolation forest for scoring (Smile version changed?)", e);
        }
    }

    double score(double[] x) {
        double sum = 0;
        for (int root : roots) {
            sum += path(root, x);
        }
        return Math.pow(2, -(sum / roots.length) / c);
    }

    private double path(int node, double[] x) {
        int n = node;
        while (feature[n] != -1) {
            double d = feature[n] >= 0 ? x[feature[n]] * weight[n] : dot(x, slopes[n]);
            n = d < bias[n] ? left[n] : right[n];
        }
        return depth[n];
    }

    /** As Smile's {@code MathEx.dot}: the same order of additions. */
    private static double dot(double[] x, double[] y) {
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** The nodes, depth first, each tree's root first. */
    private static final class Nodes {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> weight = new ArrayList<>();
        final List<Double> bias = new ArrayList<>();
        final List<Double> depth = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<double[]> slopes = new ArrayList<>();

        int add(Object node) throws ReflectiveOperationException {
            Class<?> type = node.getClass();
            Object l = field(type, "left").get(node);
            Object r = field(type, "right").get(node);
            int id = feature.size();
            feature.add(-1);
            weight.add(0.0);
            bias.add(0.0);
            depth.add(field(type, "depth").getDouble(node));
            left.add(-1);
            right.add(-1);
            slopes.add(null);
            if (l == null && r == null) {
                return id;
            }
            double[] slope = (double[]) field(type, "slope").get(node);
            int nonZero = -1;
            int count = 0;
            for (int i = 0; i < slope.length; i++) {
                if (slope[i] != 0) {
                    nonZero = i;
                    count++;
                }
            }
            if (count == 1) {
                feature.set(id, nonZero);
                weight.set(id, slope[nonZero]);
            } else {
                feature.set(id, -2);
                slopes.set(id, slope.clone());
            }
            bias.set(id, field(type, "bias").getDouble(node));
            left.set(id, add(l));
            right.set(id, add(r));
            return id;
        }
    }
}
