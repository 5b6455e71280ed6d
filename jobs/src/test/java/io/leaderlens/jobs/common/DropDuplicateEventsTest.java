package io.leaderlens.jobs.common;

import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.testing.Harnesses;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

class DropDuplicateEventsTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void passesTheFirstCopyOfEachEventIdOnly() throws Exception {
        try (var harness = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(1)), PlatformEvent::leaderId, Types.STRING)) {
            harness.open();
            PlatformEvent a = paid("e1", "L1", "u1", 100, 1_000);
            PlatformEvent b = paid("e2", "L1", "u1", 100, 2_000);
            harness.processElement(new StreamRecord<>(a, 1_000));
            harness.processElement(new StreamRecord<>(a, 1_000));
            harness.processElement(new StreamRecord<>(b, 2_000));
            harness.processElement(new StreamRecord<>(a, 1_000));
            assertThat(harness.extractOutputValues()).containsExactly(a, b);
        }
    }

    @Test
    void forgetsEventIdsOnceTheWatermarkIsARetentionPastThem() throws Exception {
        try (var harness = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(2)), PlatformEvent::leaderId, Types.STRING)) {
            harness.open();
            PlatformEvent a = paid("e1", "L1", "u1", 100, 10 * HOUR + 5);
            harness.processElement(new StreamRecord<>(a, a.eventTime()));
            harness.processElement(new StreamRecord<>(paid("e2", "L2", "u2", 100, 10 * HOUR + 7), 10 * HOUR + 7));
            assertThat(harness.numEventTimeTimers()).as("one per leader and hour").isEqualTo(2);

            harness.processWatermark(12 * HOUR);
            harness.processElement(new StreamRecord<>(a, a.eventTime()));
            assertThat(harness.extractOutputValues()).as("still remembered within the retention").hasSize(2);

            harness.processWatermark(13 * HOUR);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void remembersEventIdsAcrossARestoreFromCheckpoint() throws Exception {
        PlatformEvent a = paid("e1", "L1", "u1", 100, 1_000);
        OperatorSubtaskState snapshot;
        try (var before = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(1)), PlatformEvent::leaderId, Types.STRING)) {
            before.open();
            before.processElement(new StreamRecord<>(a, 1_000));
            snapshot = before.snapshot(1, 1);
        }
        try (var after = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(1)), PlatformEvent::leaderId, Types.STRING)) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(new StreamRecord<>(a, 1_000));
            assertThat(after.extractOutputValues()).isEmpty();
        }
    }
}
