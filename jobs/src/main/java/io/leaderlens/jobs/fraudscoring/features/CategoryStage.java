package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.CategoryHistory;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.util.Collector;

/** Keyed by product category: each paid order's or refund's amount against the category's running mean. */
public final class CategoryStage extends OrderedKeyedFunction<String, PlatformEvent, CategoryHistory, FeaturePart> {
    public CategoryStage() {
        super(JobTypes.events(), JobTypes.of(CategoryHistory.class));
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
    protected CategoryHistory apply(CategoryHistory history, List<PlatformEvent> due, long time, Context ctx, Collector<FeaturePart> out) {
        CategoryHistory category = history != null ? history : new CategoryHistory();
        for (PlatformEvent event : due) {
            out.collect(category.apply(event.order()));
        }
        return category;
    }

    @Override
    protected long expiresAt(CategoryHistory history) {
        return history.expiresAt();
    }
}
