package io.leaderlens.jobs.common;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a control stream (model updates, settings) connected to an event stream: its watermark is
 * always at the end of time, so the combined operator follows the events' watermark alone. Idleness is not
 * enough: a control topic is quiet for days, becomes active for one record, and would then hold event
 * time back to that record's wall-clock time until it turned idle again.
 */
public final class ControlStreamWatermarks {
    private ControlStreamWatermarks() {}

    public static <T> WatermarkStrategy<T> never() {
        return WatermarkStrategy.<T>forGenerator(context -> new AtEndOfTime<>());
    }

    static final class AtEndOfTime<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
