package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.events.OrderEventType;
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
 * Keyed by leader: remembers which members have paid, to flag first orders for the funnel. A member is
 * remembered for {@link #MEMORY} after their last payment with the leader; one who comes back later counts as
 * a first order again (a returning member), and is forgotten by an event-time timer (one per leader and day).
 */
public final class MarkFirstOrders extends KeyedProcessFunction<String, PlatformEvent, LeaderActivity> {
    public static final long MEMORY = Duration.ofDays(30).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private transient MapState<String, Long> lastPaid;
    private transient MapState<Long, List<String>> forgetting;

    @Override
    public void open(OpenContext context) {
        lastPaid = getRuntimeContext().getMapState(new MapStateDescriptor<>("paying-members", Types.STRING, Types.LONG));
        forgetting = getRuntimeContext().getMapState(new MapStateDescriptor<>("forget-at", Types.LONG, Types.LIST(Types.STRING)));
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
                remember(user, t, ctx);
            }
        }
        out.collect(new LeaderActivity(event, first));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LeaderActivity> out) throws Exception {
        List<String> members = forgetting.get(timestamp);
        forgetting.remove(timestamp);
        if (members == null) {
            return;
        }
        for (String user : members) {
            Long last = lastPaid.get(user);
            if (last != null && last + MEMORY <= timestamp) {
                lastPaid.remove(user);
            }
        }
    }

    /** Listed at the end of the day the memory of this payment ends (paid twice that day: listed twice, forgotten once). */
    private void remember(String user, long t, Context ctx) throws Exception {
        long end = t + MEMORY;
        long at = end - Math.floorMod(end, DAY) + DAY - 1;
        List<String> members = forgetting.get(at);
        if (members == null) {
            members = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(at);
        }
        members.add(user);
        forgetting.put(at, members);
    }
}
