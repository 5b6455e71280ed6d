package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.CategoryHistory;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/** Keyed by product category: each paid order's or refund's amount against the category's running mean. */
public final class CategoryStage extends OrderedKeyedFunction<String, PlatformEvent, FeaturePart> {
    private transient ValueState<CategoryHistory> history;

    public CategoryStage() {
        super(JobTypes.events());
    }

    @Override
    protected long timeOf(PlatformEvent event) {
        return event.eventTime();
    }

    @Override
    protected Comparator<PlatformEvent> ties() {
        return EventTimeOrder.EVENTS;
    }

    @Override
    protected void openState(OpenContext context) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", JobTypes.of(CategoryHistory.class)));
    }

    @Override
    protected void apply(List<PlatformEvent> due, long time, Context ctx, Collector<FeaturePart> out) throws Exception {
        CategoryHistory category = history.value();
        if (category == null || category.expired(time)) {
            category = new CategoryHistory();
        }
        for (PlatformEvent event : due) {
            out.collect(category.apply(event.order()));
        }
        history.update(category);
    }

    @Override
    protected long nextExpiry() throws Exception {
        CategoryHistory category = history.value();
        return category == null ? NONE : category.expiresAt();
    }

    @Override
    protected void expire(long time) throws Exception {
        CategoryHistory category = history.value();
        if (category != null && category.expired(time)) {
            history.clear();
        }
    }
}
