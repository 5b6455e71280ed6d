package io.leaderlens.jobs.common;

import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.PlatformEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DropDuplicateEventsTest {

    @Test
    void passesTheFirstCopyOfEachEventIdOnly() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DropDuplicateEvents(Duration.ofHours(1))), PlatformEvent::eventId, Types.STRING);
        try (harness) {
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
    void remembersEventIdsAcrossARestoreFromCheckpoint() throws Exception {
        PlatformEvent a = paid("e1", "L1", "u1", 100, 1_000);
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var before = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DropDuplicateEvents(Duration.ofHours(1))), PlatformEvent::eventId, Types.STRING)) {
            before.open();
            before.processElement(new StreamRecord<>(a, 1_000));
            snapshot = before.snapshot(1, 1);
        }
        try (var after = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DropDuplicateEvents(Duration.ofHours(1))), PlatformEvent::eventId, Types.STRING)) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(new StreamRecord<>(a, 1_000));
            assertThat(after.extractOutputValues()).isEmpty();
        }
    }
}
