package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by event id: passes the first copy of each event and drops resends. Ids are remembered for a
 * retention period (state TTL) longer than any producer retry.
 */
public final class DropDuplicateEvents extends KeyedProcessFunction<String, PlatformEvent, PlatformEvent> {
    private final Duration retention;
    private transient ValueState<Boolean> seen;

    public DropDuplicateEvents(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        seen = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<PlatformEvent> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            out.collect(event);
        }
    }
}
