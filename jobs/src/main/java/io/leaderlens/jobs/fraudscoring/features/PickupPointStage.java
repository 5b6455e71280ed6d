package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.PickupHistory;
import io.leaderlens.features.PickupInput;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.util.Collector;

/** Keyed by pickup point: its last week's payments and refund-only claims, and the claim rate for each paid order or refund. */
public final class PickupPointStage extends OrderedKeyedFunction<String, PickupInput, PickupHistory, FeaturePart> {
    public PickupPointStage() {
        super(JobTypes.of(PickupInput.class), JobTypes.of(PickupHistory.class));
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
    protected PickupHistory apply(PickupHistory history, List<PickupInput> due, long time, Context ctx, Collector<FeaturePart> out) {
        PickupHistory point = history != null ? history : new PickupHistory();
        for (PickupInput input : due) {
            out.collect(point.apply(input));
        }
        return point;
    }

    @Override
    protected long expiresAt(PickupHistory history) {
        return history.expiresAt();
    }
}
