package io.leaderlens.models.training;

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
        int n = scores.length;
        long frauds = Arrays.stream(labels).filter(l -> l == 1).count();
        long maxAlerts = budget.maxAlerts(n, days);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x]));
        AlertThreshold best = new AlertThreshold(NEVER, 0, 0, frauds, n, days, maxAlerts, 0, 0);
        long[] alertsOnDay = new long[Arrays.stream(day).max().orElse(0) + 1];
        long busiestDay = 0;
        long caught = 0;
        for (int k = 0; k < n; k++) {
            caught += labels[order[k]];
            busiestDay = Math.max(busiestDay, ++alertsOnDay[day[order[k]]]);
            boolean lastOfTie = k + 1 == n || scores[order[k + 1]] != scores[order[k]];
            if (!lastOfTie) {
                continue; // a threshold flags every subject with the same score, or none of them
            }
            long alerts = k + 1;
            if (alerts > maxAlerts || busiestDay > budget.reviewCapacityPerDay()) {
                break; // a lower threshold only adds alerts
            }
            long value = Math.subtractExact(Math.multiplyExact(caught, budget.caughtFraudValueCents()),
                    Math.multiplyExact(alerts, budget.reviewCostCents()));
            if (value > best.valueCents()) {
                double lowestFlagged = scores[order[k]];
                double threshold = k + 1 < n ? (lowestFlagged + scores[order[k + 1]]) / 2 : lowestFlagged;
                best = new AlertThreshold(threshold, alerts, caught, frauds, n, days, maxAlerts, value, busiestDay);
            }
        }
        return best;
    }
}
