package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by leader: remembers which members have paid before, to flag first orders for the funnel. */
public final class MarkFirstOrders extends KeyedProcessFunction<String, PlatformEvent, LeaderActivity> {
    private transient MapState<String, Boolean> payingMembers;

    @Override
    public void open(OpenContext context) {
        payingMembers = getRuntimeContext().getMapState(new MapStateDescriptor<>("paying-members", String.class, Boolean.class));
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<LeaderActivity> out) throws Exception {
        boolean first = false;
        if (event.order() != null && event.order().getType() == OrderEventType.PAID) {
            String user = event.order().getUserId();
            first = !payingMembers.contains(user);
            if (first) {
                payingMembers.put(user, true);
            }
        }
        out.collect(new LeaderActivity(event, first));
    }
}
