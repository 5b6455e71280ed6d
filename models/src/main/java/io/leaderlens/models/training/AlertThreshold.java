package io.leaderlens.models.training;

import io.leaderlens.models.evaluation.ThresholdSweep;
import java.util.Arrays;

/**
 * The alert threshold a risk team can live with: among the thresholds that raise no more alerts than the budget
 * allows on the held-out period — at most {@code maxAlerts} in all, and on no day more than the review capacity — the one with the most expected value — commission saved on the frauds it
 * catches minus the cost of reviewing every alert. When no threshold is worth its reviews, none alerts. The
 * threshold sits halfway between the lowest score it flags and the highest it does not: the same held-out alerts
 * as any threshold in that gap, and the farthest from both sides, so a new subject is not decided by where the
 * held-out scores happened to fall.
 *
 * @param threshold  alert when a subject's score is at least this
 * @param maxAlerts  the budget on the held-out period
 * @param valueCents saved commission minus review cost on the held-out period at the threshold
 * @param busiestDayAlerts the most alerts the threshold raises on one held-out day
 */
public record AlertThreshold(double threshold, long alerts, long caught, long frauds, long subjects, double days, long maxAlerts,
                             long valueCents, long busiestDayAlerts) {

    /** Above every possible score: a model with this threshold raises no alert. */
    public static final double NEVER = Math.nextUp(1.0);

    public double precision() {
        return alerts == 0 ? Double.NaN : (double) caught / alerts;
    }

    public double recall() {
        return frauds == 0 ? Double.NaN : (double) caught / frauds;
    }

    public double alertsPerDay() {
        return days <= 0 ? Double.NaN : alerts / days;
    }

    /**
     * @param scores one per held-out subject (its highest score), calibrated
     * @param labels 1 for a fraudulent subject
     * @param day    which held-out day each subject's alert falls on (0, 1, ...)
     * @param days   how long the held-out period is
     */
    public static AlertThreshold choose(double[] scores, int[] labels, int[] day, double days, AlertBudget budget) {
        ThresholdSweep sweep = ThresholdSweep.of(scores, labels);
        int[] order = sweep.order();
        long maxAlerts = budget.maxAlerts(scores.length, days);
        AlertThreshold best = new AlertThreshold(NEVER, 0, 0, sweep.positives(), scores.length, days, maxAlerts, 0, 0);
        long[] alertsOnDay = new long[Arrays.stream(day).max().orElse(0) + 1];
        long busiestDay = 0;
        int counted = 0;
        for (ThresholdSweep.Cut cut : sweep.cuts()) {
            for (; counted < cut.flagged(); counted++) {
                busiestDay = Math.max(busiestDay, ++alertsOnDay[day[order[counted]]]);
            }
            if (cut.flagged() > maxAlerts || busiestDay > budget.reviewCapacityPerDay()) {
                break; // a lower threshold only adds alerts
            }
            long value = Math.subtractExact(Math.multiplyExact(cut.caught(), budget.caughtFraudValueCents()),
                    Math.multiplyExact((long) cut.flagged(), budget.reviewCostCents()));
            if (value > best.valueCents()) {
                double threshold = Double.isNaN(cut.highestNotFlagged()) ? cut.lowestFlagged()
                        : (cut.lowestFlagged() + cut.highestNotFlagged()) / 2;
                best = new AlertThreshold(threshold, cut.flagged(), cut.caught(), sweep.positives(), scores.length, days, maxAlerts,
                        value, busiestDay);
            }
        }
        return best;
    }
}
