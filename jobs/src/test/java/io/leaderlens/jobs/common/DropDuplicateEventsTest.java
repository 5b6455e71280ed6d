package io.leaderlens.jobs.common;

import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.testing.Harnesses;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;
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

    /** A savepoint of a build that kept the ids as strings in a map: its resends are still dropped, and its state ends. */
    @Test
    void dropsTheResendsOfAnEarlierBuildsIdsAndEndsTheirState() throws Exception {
        PlatformEvent a = paid("e1", "L1", "u1", 100, 10 * HOUR + 5);
        OperatorSubtaskState savepoint;
        try (var earlier = Harnesses.keyed(new EarlierBuild(), PlatformEvent::leaderId, Types.STRING)) {
            earlier.open();
            earlier.processElement(new StreamRecord<>(a, a.eventTime()));
            savepoint = earlier.snapshot(1, 1);
        }
        try (var after = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(1)), PlatformEvent::leaderId, Types.STRING)) {
            after.initializeState(savepoint);
            after.open();
            PlatformEvent b = paid("e2", "L1", "u1", 100, 10 * HOUR + 9);
            after.processElement(new StreamRecord<>(a, a.eventTime()));
            after.processElement(new StreamRecord<>(b, b.eventTime()));
            after.processElement(new StreamRecord<>(a, a.eventTime()));
            assertThat(after.extractOutputValues()).containsExactly(b);

            after.processWatermark(12 * HOUR);
            assertThat(after.numKeyedStateEntries()).as("the earlier build's map moved, then forgotten").isZero();
            assertThat(after.numEventTimeTimers()).isZero();
        }
    }

    /** What builds before 2026-11-29 kept: id → event time in a map state, a timer at the end of the forget hour. */
    private static final class EarlierBuild extends KeyedProcessFunction<String, PlatformEvent, PlatformEvent> {
        private transient MapState<String, Long> seen;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
        }

        @Override
        public void processElement(PlatformEvent event, Context ctx, Collector<PlatformEvent> out) throws Exception {
            seen.put(event.eventId(), event.eventTime());
            long end = event.eventTime() + HOUR;
            ctx.timerService().registerEventTimeTimer(end - Math.floorMod(end, HOUR) + HOUR - 1);
            out.collect(event);
        }
    }
}
