package io.leaderlens.models.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranking and threshold metrics of scores against 0/1 labels. */
public final class BinaryMetrics {
    private BinaryMetrics() {}

    /** Area under the ROC curve: the chance a random positive outranks a random negative (ties count half). */
    public static double auc(double[] scores, int[] labels) {
        Integer[] order = sortedAscending(scores);
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // 1-based ranks, ties share the mean
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision: the mean, over the distinct score thresholds from high to low, of precision
     * weighted by the recall gained there (as scikit-learn's average_precision_score).
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        ThresholdSweep sweep = ThresholdSweep.of(scores, labels);
        if (sweep.positives() == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long caughtBefore = 0;
        for (ThresholdSweep.Cut cut : sweep.cuts()) {
            ap += (double) (cut.caught() - caughtBefore) / sweep.positives() * ((double) cut.caught() / cut.flagged());
            caughtBefore = cut.caught();
        }
        return ap;
    }

    /** Precision and recall when everything scoring at least {@code threshold} is flagged. */
    public record AtThreshold(double threshold, long flagged, double precision, double recall) {}

    public static AtThreshold atThreshold(double[] scores, int[] labels, double threshold) {
        long flagged = 0;
        long truePositives = 0;
        long positives = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flag = scores[i] >= threshold;
            flagged += flag ? 1 : 0;
            positives += labels[i];
            truePositives += flag && labels[i] == 1 ? 1 : 0;
        }
        return new AtThreshold(threshold, flagged, flagged == 0 ? Double.NaN : (double) truePositives / flagged,
                positives == 0 ? Double.NaN : (double) truePositives / positives);
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
