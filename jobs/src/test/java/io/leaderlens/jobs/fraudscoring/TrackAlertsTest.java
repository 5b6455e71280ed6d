package io.leaderlens.jobs.fraudscoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.jobs.testing.Harnesses;
import io.leaderlens.jobs.testing.Harnesses.Backend;
import io.leaderlens.time.CalendarPeriod;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrackAlertsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = 3_600_000L;
    /** 2031-01-02T10:00 in Shanghai: the start of an hour there. */
    private static final long T0 = 1_925_085_600_000L;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAlertOpensAtItsFirstFlaggedScoreUpdatesWithEachAndClosesAtTheHoursEndLeavingNothingBehind(Backend backend) throws Exception {
        assertThat(CalendarPeriod.HOUR.start(T0, ZONE)).isEqualTo(T0);
        try (var harness = harness(backend)) {
            harness.open();
            harness.processElement(flagged("L1", "o1", 0.62, T0 + 5_000), T0 + 5_000);
            assertThat(values(harness)).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("OPEN");
                assertThat(a.alertId()).isEqualTo("L1@" + T0);
                assertThat(a.revision()).isEqualTo(1);
                assertThat(a.action()).isEqualTo("REVIEW");
                assertThat(a.previousAction()).isNull();
                assertThat(a.changedAt()).isEqualTo(T0 + 5_000);
            });
            harness.processElement(flagged("L1", "o2", 0.7, T0 + 9_000, 500), T0 + 9_000);
            harness.processElement(flagged("L1", "o3", 0.65, T0 + 7_000, 300), T0 + 7_000); // a little out of order
            harness.processElement(flagged("L2", "o9", 0.95, T0 + 8_000), T0 + 8_000);
            List<FraudAlert> changes = values(harness);
            assertThat(changes).extracting(FraudAlert::alertId, FraudAlert::status, FraudAlert::revision, FraudAlert::count, FraudAlert::action,
                    FraudAlert::previousAction, FraudAlert::changedAt).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("L1@" + T0, "OPEN", 1, 1L, "REVIEW", null, T0 + 5_000),
                    org.assertj.core.groups.Tuple.tuple("L1@" + T0, "UPDATED", 2, 2L, "REVIEW", "REVIEW", T0 + 9_000),
                    // the third flagged score makes it a hold: a consumer sees the hold begin in this record alone
                    org.assertj.core.groups.Tuple.tuple("L1@" + T0, "UPDATED", 3, 3L, "HOLD_COMMISSION", "REVIEW", T0 + 9_000),
                    org.assertj.core.groups.Tuple.tuple("L2@" + T0, "OPEN", 1, 1L, "HOLD_COMMISSION", null, T0 + 8_000));
            assertThat(changes.get(2).previousMaxScore()).isEqualTo(0.7);
            // o1 paid full price, o2 and o3 had 5 and 3 yuan of subsidy
            assertThat(changes).extracting(FraudAlert::subsidyAtRiskCents).containsExactly(0L, 500L, 800L, 0L);
            assertThat(changes.get(2).maxScore()).isEqualTo(0.7);

            // the next hour opens a second alert for L1; the first closes when the watermark passes its hour
            harness.processElement(flagged("L1", "o4", 0.8, T0 + HOUR + 1), T0 + HOUR + 1);
            harness.processWatermark(T0 + HOUR - 1);
            List<FraudAlert> closed = values(harness).stream().filter(FraudAlert::closed).toList();
            assertThat(closed).extracting(FraudAlert::alertId, FraudAlert::revision, FraudAlert::count, FraudAlert::changedAt,
                    FraudAlert::openedAt).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("L1@" + T0, 4, 3L, T0 + HOUR, T0 + 5_000),
                    org.assertj.core.groups.Tuple.tuple("L2@" + T0, 2, 1L, T0 + HOUR, T0 + 8_000));
            assertThat(closed).allSatisfy(a -> assertThat(a.subjects()).isNotEmpty());
            assertThat(closed).filteredOn(a -> a.leaderId().equals("L1")).singleElement()
                    .extracting(FraudAlert::subsidyAtRiskCents).isEqualTo(800L);

            // a flagged score of an hour already closed opens no second alert
            harness.processElement(flagged("L2", "o10", 0.99, T0 + 10_000), T0 + 10_000);
            assertThat(values(harness)).filteredOn(a -> a.alertId().equals("L2@" + T0)).hasSize(2);

            harness.processWatermark(T0 + 2 * HOUR);
            assertThat(values(harness)).filteredOn(a -> a.alertId().equals("L1@" + (T0 + HOUR))).extracting(FraudAlert::status)
                    .containsExactly("OPEN", "CLOSED");
            assertThat(Harnesses.keysHolding(harness, "open-alerts")).as("keys with open alerts after every hour closed").isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAlertOpenAtACheckpointContinuesAfterARestore(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(backend)) {
            before.open();
            before.processElement(flagged("L1", "o1", 0.62, T0 + 5_000, 200), T0 + 5_000);
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness(backend)) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(flagged("L1", "o2", 0.7, T0 + 6_000, 300), T0 + 6_000); // joins the alert of the checkpoint, opens none
            after.processWatermark(T0 + HOUR);
            assertThat(values(after)).extracting(FraudAlert::status, FraudAlert::revision).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("UPDATED", 2), org.assertj.core.groups.Tuple.tuple("CLOSED", 3));
            assertThat(values(after)).extracting(FraudAlert::subsidyAtRiskCents).as("the checkpoint's 2 yuan and the new 3").containsOnly(500L);
            assertThat(after.numEventTimeTimers()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FraudScore, FraudAlert> harness(Backend backend) throws Exception {
        return Harnesses.keyed(new TrackAlerts(CalendarPeriod.HOUR, ZONE), FraudScore::leaderId, Types.STRING, backend);
    }

    private static FraudScore flagged(String leader, String order, double score, long t) {
        return flagged(leader, order, score, t, 0);
    }

    /** With the subsidy of the payment it scores. */
    private static FraudScore flagged(String leader, String order, double score, long t, long subsidyCents) {
        return new FraudScore("order", order, "e-" + order, leader, t, score, 0.6, "order-v1", true,
                List.of("12 orders from device d in 1 h"), null, Double.NaN, null, subsidyCents);
    }

    private static List<FraudAlert> values(KeyedOneInputStreamOperatorTestHarness<String, FraudScore, FraudAlert> harness) {
        return harness.extractOutputValues();
    }
}
