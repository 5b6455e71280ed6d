package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.time.CalendarBucket;
import io.leaderlens.time.CalendarPeriod;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Tumbling event-time windows of a {@link CalendarPeriod} on the platform's wall clock. */
public final class CalendarWindows extends WindowAssigner<Object, TimeWindow> {
    private final CalendarPeriod period;
    private final String zoneId;
    private transient CalendarBucket bucket; // (an assigner instance serves one operator instance: one thread)

    public CalendarWindows(CalendarPeriod period, ZoneId zone) {
        this.period = requireNonNull(period, "period");
        this.zoneId = requireNonNull(zone, "zone").getId();
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        if (bucket == null) {
            bucket = new CalendarBucket(period, ZoneId.of(zoneId));
        }
        return List.of(new TimeWindow(bucket.start(timestamp), bucket.end(timestamp)));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig config) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "CalendarWindows(" + period + ", " + zoneId + ")";
    }
}
