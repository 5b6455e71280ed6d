package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by leader, a campaign's events by campaign (a resend has the same key, and the topics are keyed so): passes the
 * first copy of each event and drops resends. An event id is remembered until the watermark is a retention
 * past its event time — longer than any producer retry — and then forgotten by an event-time timer: one per
 * leader and hour, however many events the hour had, which walks the leader's ids and drops those whose
 * retention has ended (an id is looked at about once per hour it is kept).
 */
public final class DropDuplicateEvents extends KeyedProcessFunction<String, PlatformEvent, PlatformEvent> {
    private static final long BUCKET = Duration.ofHours(1).toMillis();

    private final long retention;
    /** event id → its event time */
    private transient MapState<String, Long> seen;
    /** the expiry timer armed per leader: registering the same one for every event of an hour was a visible share of the job */
    private transient ArmedTimers<String> armed;

    public DropDuplicateEvents(Duration retention) {
        this.retention = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
        armed = new ArmedTimers<>();
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<PlatformEvent> out) throws Exception {
        if (seen.contains(event.eventId())) {
            return;
        }
        seen.put(event.eventId(), event.eventTime());
        armed.arm(ctx.getCurrentKey(), forgetAt(event.eventTime()), ctx.timerService());
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlatformEvent> out) throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Long> id : seen.entries()) {
            if (forgetAt(id.getValue()) <= timestamp) {
                expired.add(id.getKey());
            }
        }
        for (String id : expired) {
            seen.remove(id); // (not through the iterator: that leaves an empty map behind on the heap backend)
        }
        armed.fired(ctx.getCurrentKey(), timestamp);
    }

    /** The end of the hour in which the id's retention ends. */
    private long forgetAt(long eventTime) {
        long end = eventTime + retention;
        return end - Math.floorMod(end, BUCKET) + BUCKET - 1;
    }
}
