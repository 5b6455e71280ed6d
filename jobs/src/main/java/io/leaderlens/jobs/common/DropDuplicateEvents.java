package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by leader (a resend has the same leader, and the topics are keyed by leader already): passes the
 * first copy of each event and drops resends. An event id is remembered until the watermark is a retention
 * past its event time — longer than any producer retry — and then forgotten by an event-time timer: one per
 * leader and hour, however many events the hour had.
 */
public final class DropDuplicateEvents extends KeyedProcessFunction<String, PlatformEvent, PlatformEvent> {
    private static final long BUCKET = Duration.ofHours(1).toMillis();

    private final long retention;
    private transient MapState<String, Boolean> seen;
    /** the ids to forget at each hour's end */
    private transient MapState<Long, List<String>> forgetting;

    public DropDuplicateEvents(Duration retention) {
        this.retention = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
        forgetting = getRuntimeContext().getMapState(new MapStateDescriptor<>("forget-at", Types.LONG, Types.LIST(Types.STRING)));
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<PlatformEvent> out) throws Exception {
        if (seen.contains(event.eventId())) {
            return;
        }
        seen.put(event.eventId(), true);
        long at = forgetAt(event.eventTime());
        List<String> ids = forgetting.get(at);
        if (ids == null) {
            ids = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(at);
        }
        ids.add(event.eventId());
        forgetting.put(at, ids);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlatformEvent> out) throws Exception {
        List<String> ids = forgetting.get(timestamp);
        if (ids != null) {
            for (String id : ids) {
                seen.remove(id);
            }
            forgetting.remove(timestamp);
        }
    }

    /** The end of the hour in which the id's retention ends. */
    private long forgetAt(long eventTime) {
        long end = eventTime + retention;
        return end - Math.floorMod(end, BUCKET) + BUCKET - 1;
    }
}
