package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.metrics.LeaderMetricsAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation of a leader's activity into the shared metric accumulator. */
public final class CountLeaderMetrics implements AggregateFunction<LeaderActivity, LeaderMetricsAccumulator, LeaderMetricsAccumulator> {
    @Override
    public LeaderMetricsAccumulator createAccumulator() {
        return new LeaderMetricsAccumulator();
    }

    @Override
    public LeaderMetricsAccumulator add(LeaderActivity activity, LeaderMetricsAccumulator acc) {
        return acc.add(activity.event(), activity.firstOrder());
    }

    @Override
    public LeaderMetricsAccumulator getResult(LeaderMetricsAccumulator acc) {
        return acc;
    }

    @Override
    public LeaderMetricsAccumulator merge(LeaderMetricsAccumulator a, LeaderMetricsAccumulator b) {
        return a.merge(b);
    }
}
