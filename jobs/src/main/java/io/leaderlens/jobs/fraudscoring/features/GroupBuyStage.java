package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.GroupBuyHistory;
import io.leaderlens.features.GroupBuyInput;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/** Keyed by group buy: who joined how fast and how fresh, and that for each paid order or refund in it. */
public final class GroupBuyStage extends OrderedKeyedFunction<String, GroupBuyInput, FeaturePart> {
    private transient ValueState<GroupBuyHistory> history;

    public GroupBuyStage() {
        super(JobTypes.of(GroupBuyInput.class));
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
    protected void openState(OpenContext context) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", JobTypes.of(GroupBuyHistory.class)));
    }

    @Override
    protected void apply(List<GroupBuyInput> due, long time, Context ctx, Collector<FeaturePart> out) throws Exception {
        GroupBuyHistory group = history.value() != null ? history.value() : new GroupBuyHistory();
        for (GroupBuyInput input : due) {
            FeaturePart part = group.apply(input);
            if (part != null) {
                out.collect(part);
            }
        }
        if (group.known(time)) {
            history.update(group);
        } else {
            history.clear(); // never opened in the data, or forgotten: nothing to keep
        }
    }

    @Override
    protected long nextExpiry() throws Exception {
        GroupBuyHistory group = history.value();
        return group == null ? NONE : group.expiresAt();
    }

    @Override
    protected void expire(long time) throws Exception {
        GroupBuyHistory group = history.value();
        if (group != null && !group.known(time)) {
            history.clear();
        }
    }
}
