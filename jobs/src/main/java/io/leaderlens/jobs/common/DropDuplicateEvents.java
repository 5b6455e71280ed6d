package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.types.SeenEventIdsTypeInfo;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by leader, a campaign's events by campaign (a resend has the same key, and the topics are keyed so): passes the
 * first copy of each event and drops resends. An event id is remembered until the watermark is a retention
 * past its event time — longer than any producer retry — and then forgotten by an event-time timer: one per
 * key and hour, however many events the hour had, which drops the ids whose retention ended in that hour at once
 * ({@link SeenEventIds} keeps them by the hour they are forgotten in, as fingerprints).
 */
public final class DropDuplicateEvents extends KeyedProcessFunction<String, PlatformEvent, PlatformEvent> {
    private static final long BUCKET = Duration.ofHours(1).toMillis();

    private final long retention;
    private transient ValueState<SeenEventIds> seen;
    /**
     * Where builds before 2026-11-29 kept the ids (id → event time): read once per key when it has nothing in
     * {@link #seen}, moved there and cleared, so a savepoint of such a build still drops the resends of its last hour.
     */
    private transient MapState<String, Long> seenByEarlierBuilds;
    /** the expiry timer armed per leader: registering the same one for every event of an hour was a visible share of the job */
    private transient ArmedTimers<String> armed;
    private transient long[] fingerprint;

    public DropDuplicateEvents(Duration retention) {
        this.retention = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-event-fingerprints", SeenEventIdsTypeInfo.INSTANCE));
        seenByEarlierBuilds = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
        armed = new ArmedTimers<>();
        fingerprint = new long[2];
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<PlatformEvent> out) throws Exception {
        SeenEventIds ids = ids();
        long forgetAt = forgetAt(event.eventTime());
        EventIdFingerprint.of(event.eventId(), fingerprint);
        if (!ids.add(fingerprint[0], fingerprint[1], forgetAt)) {
            return;
        }
        seen.update(ids);
        armed.arm(ctx.getCurrentKey(), forgetAt, ctx.timerService());
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlatformEvent> out) throws Exception {
        SeenEventIds ids = ids(); // for a timer of an earlier build, the ids still in its state
        ids.forgetThrough(timestamp);
        if (ids.isEmpty()) {
            seen.clear();
        } else {
            seen.update(ids);
        }
        armed.fired(ctx.getCurrentKey(), timestamp);
    }

    /** The current key's ids; at its first access in this build, those an earlier build kept, moved into its state. */
    private SeenEventIds ids() throws Exception {
        SeenEventIds ids = seen.value();
        if (ids == null) {
            ids = fromEarlierBuild();
            if (!ids.isEmpty()) {
                seen.update(ids); // kept even if this access drops a resend: the map they came from is cleared
            }
        }
        return ids;
    }

    /** The current key's ids as an earlier build kept them (none after the key's first event in this build). */
    private SeenEventIds fromEarlierBuild() throws Exception {
        SeenEventIds ids = new SeenEventIds();
        if (seenByEarlierBuilds.isEmpty()) {
            return ids;
        }
        for (Map.Entry<String, Long> id : seenByEarlierBuilds.entries()) {
            EventIdFingerprint.of(id.getKey(), fingerprint);
            ids.add(fingerprint[0], fingerprint[1], forgetAt(id.getValue()));
        }
        seenByEarlierBuilds.clear();
        return ids;
    }

    /** The end of the hour in which the id's retention ends. */
    private long forgetAt(long eventTime) {
        long end = eventTime + retention;
        return end - Math.floorMod(end, BUCKET) + BUCKET - 1;
    }
}
