package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.PickupHistory;
import io.leaderlens.features.PickupInput;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/** Keyed by pickup point: its last week's payments and refund-only claims, and the claim rate for each paid order or refund. */
public final class PickupPointStage extends OrderedKeyedFunction<String, PickupInput, FeaturePart> {
    private transient ValueState<PickupHistory> history;

    public PickupPointStage() {
        super(JobTypes.of(PickupInput.class));
    }

    @Override
    protected long timeOf(PickupInput input) {
        return input.eventTime();
    }

    @Override
    protected Comparator<PickupInput> ties() {
        return Comparator.comparing(PickupInput::eventId);
    }

    @Override
    protected void openState(OpenContext context) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", JobTypes.of(PickupHistory.class)));
    }

    @Override
    protected void apply(List<PickupInput> due, long time, Context ctx, Collector<FeaturePart> out) throws Exception {
        PickupHistory point = history.value() != null ? history.value() : new PickupHistory();
        for (PickupInput input : due) {
            out.collect(point.apply(input));
        }
        history.update(point);
    }

    @Override
    protected long nextExpiry() throws Exception {
        PickupHistory point = history.value();
        return point == null ? NONE : point.expiresAt();
    }

    @Override
    protected void expire(long time) throws Exception {
        PickupHistory point = history.value();
        if (point != null && point.expiresAt() <= time) {
            history.clear();
        }
    }
}
