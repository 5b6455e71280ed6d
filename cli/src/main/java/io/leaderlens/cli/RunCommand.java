package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the live leader metrics job: Kafka -> Flink -> Iceberg tables and the leaderboard topic.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--bounded", description = "process what is in the topics now, then stop (backfill); default: follow")
    boolean bounded;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        LeaderMetricsRunner runner = new LeaderMetricsRunner(config);
        JobRuntime runtime = new JobRuntime(config);
        runtime.settings(); // a bad configuration is refused here, every problem listed, before anything starts
        Log.info("leader metrics job starting " + JobLauncher.where(runtime) + " (" + (bounded ? "bounded" : "following the topics")
                + ", profile " + config.profile() + ")");
        JobLauncher.launch(config, LeaderMetricsRunner.JOB_NAME, bounded, env -> runner.build(env, bounded, null));
        return 0;
    }
}
