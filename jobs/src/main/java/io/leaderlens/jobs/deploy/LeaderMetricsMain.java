package io.leaderlens.jobs.deploy;

import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;

/** The leader metrics (GMV, funnels, leaderboards) job's entry point in the job jar: {@code --config FILE [--profile cluster]}. */
public final class LeaderMetricsMain {
    private LeaderMetricsMain() {}

    public static void main(String[] args) throws Exception {
        JobMain.run(LeaderMetricsRunner.JOB_NAME, args);
    }
}
