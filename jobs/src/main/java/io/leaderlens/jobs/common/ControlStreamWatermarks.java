package io.leaderlens.jobs.common;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a control stream (model updates, settings) or a sparse one (campaigns) beside an event stream: it is
 * idle from its first periodic emit on and never emits a watermark, so the combined operator (or union) follows the
 * events' watermark alone; its records pass all the same. Idleness after a timeout is not enough: a control topic is
 * quiet for days, becomes active for one record, and would then hold event time back to that record's wall-clock time
 * until it turned idle again (here: one periodic interval at most).
 *
 * <p>Until 2026-11-29 it held a watermark at the end of time instead. Flink takes the minimum over the inputs that are
 * not idle, so once every event partition had been idle for {@code job.idleness} the operator emitted that end of
 * time, and event time never came back: every later event was late (a bench run opened no alert).
 */
public final class ControlStreamWatermarks {
    private ControlStreamWatermarks() {}

    public static <T> WatermarkStrategy<T> never() {
        return WatermarkStrategy.<T>forGenerator(context -> new AlwaysIdle<>());
    }

    static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }
}
