package io.leaderlens.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.streaming.api.functions.co.CoMapFunction;
import org.apache.flink.streaming.api.operators.co.CoStreamMap;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ControlStreamWatermarksTest {
    @Test
    void aControlStreamIsIdleAndNeverEmitsAWatermark() {
        List<String> said = new ArrayList<>();
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(org.apache.flink.api.common.eventtime.Watermark watermark) {
                said.add("watermark " + watermark.getTimestamp());
            }

            @Override
            public void markIdle() {
                said.add("idle");
            }

            @Override
            public void markActive() {
                said.add("active");
            }
        };
        WatermarkGenerator<String> generator = new ControlStreamWatermarks.AlwaysIdle<>();
        generator.onEvent("model v2", 5_000, output);
        generator.onPeriodicEmit(output);
        generator.onEvent("model v3", 9_000, output);
        generator.onPeriodicEmit(output);
        assertThat(said).containsExactly("idle", "idle");
    }

    /**
     * What the combined operator does when the events go quiet longer than the idleness: with the control input idle it
     * keeps the events' last watermark; with a control watermark at the end of time (before 2026-11-29) it emitted that.
     */
    @Test
    void eventsGoingIdleDoNotMoveEventTimeToTheEndOfTime() throws Exception {
        try (var harness = combined()) {
            harness.processWatermarkStatus2(WatermarkStatus.IDLE); // the control source, from its first periodic emit
            harness.processWatermark1(new Watermark(1_000));
            harness.processWatermarkStatus1(WatermarkStatus.IDLE); // every event partition quiet for job.idleness
            harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
            harness.processWatermark1(new Watermark(2_000));
            assertThat(watermarks(harness)).containsExactly(1_000L, 2_000L);
        }
        try (var earlier = combined()) {
            earlier.processWatermark2(new Watermark(Long.MAX_VALUE));
            earlier.processWatermark1(new Watermark(1_000));
            earlier.processWatermarkStatus1(WatermarkStatus.IDLE);
            assertThat(watermarks(earlier)).as("the earlier control watermark").containsExactly(1_000L, Long.MAX_VALUE);
        }
    }

    private static TwoInputStreamOperatorTestHarness<String, String, String> combined() throws Exception {
        CoMapFunction<String, String, String> passThrough = new CoMapFunction<>() {
            @Override
            public String map1(String event) {
                return event;
            }

            @Override
            public String map2(String control) {
                return control;
            }
        };
        var harness = new TwoInputStreamOperatorTestHarness<String, String, String>(new CoStreamMap<>(passThrough));
        harness.open();
        return harness;
    }

    private static List<Long> watermarks(TwoInputStreamOperatorTestHarness<String, String, String> harness) {
        return harness.getOutput().stream().filter(Watermark.class::isInstance).map(w -> ((Watermark) w).getTimestamp()).toList();
    }
}
