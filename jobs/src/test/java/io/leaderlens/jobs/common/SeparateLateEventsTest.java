package io.leaderlens.jobs.common;

import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.PlatformEvent;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SeparateLateEventsTest {

    @Test
    void eventsAtOrBehindTheWatermarkGoToTheSideOutputWhole() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new SeparateLateEvents()))) {
            harness.open();
            PlatformEvent early = paid("e1", "L1", "u1", 100, 5_000);
            harness.processElement(new StreamRecord<>(early, 5_000));
            harness.processWatermark(new Watermark(10_000));
            PlatformEvent onTheMark = paid("e2", "L1", "u1", 100, 10_000);
            PlatformEvent late = paid("e3", "L1", "u1", 100, 7_000);
            PlatformEvent onTime = paid("e4", "L1", "u1", 100, 10_001);
            harness.processElement(new StreamRecord<>(onTheMark, 10_000));
            harness.processElement(new StreamRecord<>(late, 7_000));
            harness.processElement(new StreamRecord<>(onTime, 10_001));

            assertThat(harness.extractOutputValues()).containsExactly(early, onTime);
            var lateOnes = harness.getSideOutput(SeparateLateEvents.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(lateOnes).extracting(LateEvent::eventId).containsExactly("e2", "e3");
            assertThat(lateOnes.get(1).watermark()).isEqualTo(10_000);
            assertThat(lateOnes.get(1).json()).contains("\"event_id\":\"e3\"").contains("\"amount_cents\":100");
        }
    }
}
