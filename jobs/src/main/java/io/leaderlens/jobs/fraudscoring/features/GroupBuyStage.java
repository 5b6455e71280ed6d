package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.GroupBuyHistory;
import io.leaderlens.features.GroupBuyInput;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.util.Collector;

/** Keyed by group buy: who joined how fast and how fresh, and that for each paid order or refund in it. */
public final class GroupBuyStage extends OrderedKeyedFunction<String, GroupBuyInput, GroupBuyHistory, FeaturePart> {
    public GroupBuyStage() {
        super(JobTypes.of(GroupBuyInput.class), JobTypes.of(GroupBuyHistory.class));
    }

    @Override
    protected long timeOf(GroupBuyInput input) {
        return input.eventTime();
    }

    @Override
    protected Comparator<GroupBuyInput> ties() {
        return Comparator.comparing(GroupBuyInput::eventId);
    }

    @Override
    protected GroupBuyHistory apply(GroupBuyHistory history, List<GroupBuyInput> due, long time, Context ctx, Collector<FeaturePart> out) {
        GroupBuyHistory group = history != null ? history : new GroupBuyHistory();
        for (GroupBuyInput input : due) {
            FeaturePart part = group.apply(input);
            if (part != null) {
                out.collect(part);
            }
        }
        return group.known(time) ? group : null; // never opened in the data, or forgotten: nothing to keep
    }

    @Override
    protected long expiresAt(GroupBuyHistory history) {
        return history.expiresAt();
    }
}
