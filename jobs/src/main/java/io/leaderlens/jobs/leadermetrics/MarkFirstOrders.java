package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.ArmedTimers;
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
 * Keyed by leader: remembers which members have paid, to flag first orders for the funnel. A member is
 * remembered for {@link #MEMORY} after their last payment with the leader; one who comes back later counts as
 * a first order again (a returning member). Forgetting is done by an event-time timer at the end of the day
 * a payment's memory ends (one per leader and day), which walks the leader's members and drops those whose
 * memory has ended — each member is held once, with no index beside it to snapshot twice.
 */
public final class MarkFirstOrders extends KeyedProcessFunction<String, PlatformEvent, LeaderActivity> {
    public static final long MEMORY = Duration.ofDays(30).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** member → time of their last payment with the leader */
    private transient MapState<String, Long> lastPaid;
    /** the forgetting timer armed per leader: registering the same day's timer at every payment cost a lookup each */
    private transient ArmedTimers<String> armed;

    @Override
    public void open(OpenContext context) {
        lastPaid = getRuntimeContext().getMapState(new MapStateDescriptor<>("paying-members", Types.STRING, Types.LONG));
        armed = new ArmedTimers<>();
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<LeaderActivity> out) throws Exception {
        boolean first = false;
        if (event.order() != null && event.order().getType() == OrderEventType.PAID) {
            String user = event.order().getUserId();
            long t = event.eventTime();
            Long last = lastPaid.get(user);
            first = last == null || last + MEMORY <= t;
            if (last == null || t > last) {
                lastPaid.put(user, t);
                armed.arm(ctx.getCurrentKey(), forgetAt(t), ctx.timerService());
            }
        }
        out.collect(new LeaderActivity(event, first));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LeaderActivity> out) throws Exception {
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, Long> member : lastPaid.entries()) {
            if (member.getValue() + MEMORY <= timestamp) {
                forgotten.add(member.getKey());
            }
        }
        for (String user : forgotten) {
            lastPaid.remove(user); // (not through the iterator: that leaves an empty map behind on the heap backend)
        }
        armed.fired(ctx.getCurrentKey(), timestamp);
    }

    /** The end of the day in which the memory of a payment at {@code t} ends. */
    private static long forgetAt(long t) {
        long end = t + MEMORY;
        return end - Math.floorMod(end, DAY) + DAY - 1;
    }
}
