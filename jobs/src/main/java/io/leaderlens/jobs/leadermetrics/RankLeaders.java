package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.metrics.Leaderboard;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderboardEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Keyed by city: ranks the period's leaders with the shared leaderboard rule. */
public final class RankLeaders extends ProcessWindowFunction<LeaderMetrics, LeaderboardEntry, String, TimeWindow> {
    private final int size;

    public RankLeaders(int size) {
        this.size = size;
    }

    @Override
    public void process(String city, Context context, Iterable<LeaderMetrics> leaders, Collector<LeaderboardEntry> out) {
        List<LeaderMetrics> all = new ArrayList<>();
        leaders.forEach(all::add);
        new Leaderboard(size).rank(all).forEach(out::collect);
    }
}
