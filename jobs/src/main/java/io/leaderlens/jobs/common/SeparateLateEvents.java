package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.JsonEventCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Events at or behind the watermark are late: windows downstream would silently drop them, so they are
 * set aside here, once, for every window size alike.
 */
public final class SeparateLateEvents extends ProcessFunction<PlatformEvent, PlatformEvent> {
    public static final OutputTag<LateEvent> LATE_EVENTS = new OutputTag<>("late-events") {};

    private transient JsonEventCodec json;

    @Override
    public void open(OpenContext context) {
        json = new JsonEventCodec();
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<PlatformEvent> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (event.eventTime() <= watermark) {
            ctx.output(LATE_EVENTS, new LateEvent(event.eventId(), event.kind().name(), event.leaderId(), event.eventTime(),
                    watermark, json.encode(event.record())));
        } else {
            out.collect(event);
        }
    }
}
