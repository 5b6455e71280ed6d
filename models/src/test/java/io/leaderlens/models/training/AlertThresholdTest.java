package io.leaderlens.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertThresholdTest {
    private static final AlertBudget BUDGET = new AlertBudget(0.05, 30, 1_500, 300);

    @Test
    void theChosenThresholdIsTheMostValuableOneInsideTheBudget() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = 200 + random.nextInt(2_000);
            double[] scores = new double[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextDouble() < 0.06 ? 1 : 0;
                // rounded, so ties between subjects happen
                scores[i] = Math.round(Math.min(1, Math.max(0, random.nextGaussian() * 0.15 + (labels[i] == 1 ? 0.6 : 0.3))) * 100) / 100.0;
            }
            double days = 0.5 + random.nextInt(5);
            int[] day = new int[n];
            for (int i = 0; i < n; i++) {
                day[i] = random.nextInt((int) Math.ceil(days));
            }
            AlertThreshold chosen = AlertThreshold.choose(scores, labels, day, days, BUDGET);

            // independently: every distinct score as a threshold, counted from scratch
            long maxAlerts = Math.min((long) (0.05 * n), (long) (30 * days));
            double bestThreshold = AlertThreshold.NEVER;
            long bestValue = 0;
            double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
            for (int c = 0; c < distinct.length; c++) {
                double t = distinct[c];
                long alerts = 0;
                long caught = 0;
                long[] onDay = new long[6];
                for (int i = 0; i < n; i++) {
                    if (scores[i] >= t) {
                        alerts++;
                        caught += labels[i];
                        onDay[day[i]]++;
                    }
                }
                long value = caught * 1_500 - alerts * 300;
                double midway = c == 0 ? t : (t + distinct[c - 1]) / 2; // halfway to the highest score not flagged
                boolean everyDayWithinCapacity = Arrays.stream(onDay).allMatch(a -> a <= 30);
                if (alerts <= maxAlerts && everyDayWithinCapacity && (value > bestValue || (value == bestValue && value > 0 && midway > bestThreshold))) {
                    bestThreshold = midway;
                    bestValue = value;
                }
            }
            assertThat(chosen.threshold()).as("round " + round).isEqualTo(bestThreshold);
            assertThat(chosen.valueCents()).isEqualTo(bestValue);
            assertThat(chosen.alerts()).isLessThanOrEqualTo(maxAlerts)
                    .isEqualTo(Arrays.stream(scores).filter(s -> s >= chosen.threshold()).count());
            assertThat(chosen.alertsPerDay()).isLessThanOrEqualTo(30.0);
            assertThat((double) chosen.alerts() / n).isLessThanOrEqualTo(0.05);
            long[] onDay = new long[6];
            for (int i = 0; i < n; i++) {
                if (scores[i] >= chosen.threshold()) {
                    onDay[day[i]]++;
                }
            }
            assertThat(Arrays.stream(onDay).max().orElseThrow()).as("round " + round).isLessThanOrEqualTo(30)
                    .isEqualTo(chosen.busiestDayAlerts());
        }
    }

    @Test
    void withoutFraudsOrWorthwhileAlertsNothingAlerts() {
        AlertThreshold none = AlertThreshold.choose(new double[] {0.9, 0.5, 0.1}, new int[] {0, 0, 0}, new int[3], 1, new AlertBudget(1, 100, 1_500, 300));
        assertThat(none.threshold()).isEqualTo(AlertThreshold.NEVER);
        assertThat(none.alerts()).isZero();
        // one fraud in six at the top: 1,500 saved against 6 × 300 reviewed is a loss
        AlertThreshold loss = AlertThreshold.choose(new double[] {0.9, 0.9, 0.9, 0.9, 0.9, 0.9}, new int[] {1, 0, 0, 0, 0, 0}, new int[6], 1,
                new AlertBudget(1, 100, 1_500, 300));
        assertThat(loss.threshold()).isEqualTo(AlertThreshold.NEVER);
    }

    @Test
    void noDayGetsMoreAlertsThanTheReviewCapacity() {
        // ten sure frauds, all on day 0; capacity 4 a day: only the four highest can be flagged
        double[] scores = {0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91, 0.90, 0.1};
        int[] labels = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        AlertThreshold chosen = AlertThreshold.choose(scores, labels, new int[scores.length], 3, new AlertBudget(1, 4, 1_500, 300));
        assertThat(chosen.alerts()).isEqualTo(4);
        assertThat(chosen.threshold()).isEqualTo((0.96 + 0.95) / 2);
        // the same frauds spread over three days: up to four a day, all ten
        int[] spread = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
        assertThat(AlertThreshold.choose(scores, labels, spread, 3, new AlertBudget(1, 4, 1_500, 300)).alerts()).isEqualTo(10);
    }

    @Test
    void subjectsAreSplitByTheirFirstMomentAtAFixedShare() {
        var rows = new java.util.ArrayList<io.leaderlens.features.FeatureRow>();
        for (int m = 0; m < 10; m++) {
            // member m first seen at 100·m, and again much later (a later moment never moves its first)
            rows.add(row("M" + m, 100L * m));
            rows.add(row("M" + m, 5_000 + m));
        }
        assertThat(FraudTraining.splitTime(rows, 0.7)).isEqualTo(700L);
        assertThat(FraudTraining.splitTime(rows, 0.25)).isEqualTo(200L);
    }

    private static io.leaderlens.features.FeatureRow row(String member, long time) {
        return new io.leaderlens.features.FeatureRow("member", member, "e-" + member + "-" + time, "L1", member, time,
                new double[io.leaderlens.features.FraudFeatures.NAMES.size()], 0);
    }
}
