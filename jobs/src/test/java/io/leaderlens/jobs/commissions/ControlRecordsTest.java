package io.leaderlens.jobs.commissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.engine.AlertResolution;
import io.leaderlens.commissions.engine.FraudAlertNotice;
import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.testing.TestEvents;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ControlRecordsTest {
    private static final long T = 1_900_000_000_000L;

    @Test
    void alertsAreReadAndUnreadableOnesBecomeDeadLettersWithTheirReason() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ControlRecords.Decode(ControlRecords.Kind.ALERT)))) {
            harness.open();
            harness.processElement(new StreamRecord<>(TestEvents.alert(0, "L1@h1", "L1", "HOLD_COMMISSION", 0.9, "ring", T)));
            harness.processElement(new StreamRecord<>(TestEvents.json("fraud-alerts", 1, "[1, 2]")));
            // a record of the alert lifecycle: the hold begins with it, at its own time rather than the period's end
            harness.processElement(new StreamRecord<>(TestEvents.json("fraud-alerts", 3, ("{\"alert_id\":\"L1@h1\",\"leader_id\":\"L1\","
                    + "\"status\":\"UPDATED\",\"revision\":3,\"action\":\"HOLD_COMMISSION\",\"previous_action\":\"REVIEW\",\"max_score\":0.7,"
                    + "\"previous_max_score\":0.65,\"reasons\":[\"ring\"],\"period_end\":%d,\"effective_at\":%d}").formatted(T + 99, T - 5))));
            harness.processElement(new StreamRecord<>(TestEvents.json("fraud-alerts", 2,
                    "{\"alert_id\":\"a\",\"leader_id\":\"L1\",\"action\":\"REVIEW\",\"period_end\":\"soon\"}")));

            assertThat(harness.extractOutputValues()).extracting(CommissionInput::alert)
                    .containsExactly(new FraudAlertNotice("L1@h1", "L1", "HOLD_COMMISSION", 0.9, "ring", T),
                            new FraudAlertNotice("L1@h1", "L1", "HOLD_COMMISSION", 0.7, "ring", T - 5, "REVIEW", 0.65));
            List<DeadLetter> dead = harness.getSideOutput(ControlRecords.Decode.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(dead).extracting(DeadLetter::source, DeadLetter::offset, DeadLetter::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("fraud-alerts", 1L, "unreadable alert: not a JSON object"),
                    org.assertj.core.groups.Tuple.tuple("fraud-alerts", 2L, "unreadable alert: period_end is not a positive epoch millisecond"));
        }
    }

    @Test
    void verdictsAreReadAndAnUnknownOutcomeIsRefused() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ControlRecords.Decode(ControlRecords.Kind.VERDICT)))) {
            harness.open();
            harness.processElement(new StreamRecord<>(TestEvents.verdict(0, "L1@h1", "L1", "REVERSE", "analyst", "confirmed", T)));
            harness.processElement(new StreamRecord<>(TestEvents.verdict(1, "L1@h1", "L1", "PARDON", "analyst", "", T)));

            assertThat(harness.extractOutputValues()).extracting(CommissionInput::resolution)
                    .containsExactly(new AlertResolution("L1@h1", "L1", LeaderLedger.Outcome.REVERSE, "analyst", "confirmed", T));
            assertThat(harness.getSideOutput(ControlRecords.Decode.DEAD_LETTERS)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason()).isEqualTo("unreadable verdict: outcome 'PARDON' is not RELEASE or REVERSE"));
        }
    }

    @Test
    void aControlRecordsTimeIsItsOwnAndAnUnreadableOneMovesNoWatermark() {
        assertThat(new ControlRecords.Time(ControlRecords.Kind.ALERT).extractTimestamp(
                TestEvents.alert(0, "a", "L1", "REVIEW", 0.5, "", T), 42L)).isEqualTo(T);
        assertThat(new ControlRecords.Time(ControlRecords.Kind.VERDICT).extractTimestamp(
                TestEvents.verdict(0, "a", "L1", "RELEASE", "x", "", T + 1), 42L)).isEqualTo(T + 1);
        assertThat(new ControlRecords.Time(ControlRecords.Kind.ALERT).extractTimestamp(
                TestEvents.json("fraud-alerts", 0, "garbage"), 42L)).isEqualTo(Long.MIN_VALUE);
    }
}
