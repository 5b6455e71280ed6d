package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderMetricsAccumulator;
import io.leaderlens.time.CalendarPeriod;
import java.time.ZoneId;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Stamps a finished window's counts with its period and local day. */
public final class EmitLeaderMetrics extends ProcessWindowFunction<LeaderMetricsAccumulator, LeaderMetrics, String, TimeWindow> {
    private final String zoneId;

    public EmitLeaderMetrics(ZoneId zone) {
        this.zoneId = zone.getId();
    }

    @Override
    public void process(String leaderId, Context context, Iterable<LeaderMetricsAccumulator> counts, Collector<LeaderMetrics> out) {
        TimeWindow window = context.window();
        for (LeaderMetricsAccumulator acc : counts) {
            out.collect(acc.result(CalendarPeriod.localDate(window.getStart(), ZoneId.of(zoneId)), window.getStart(), window.getEnd()));
        }
    }
}
