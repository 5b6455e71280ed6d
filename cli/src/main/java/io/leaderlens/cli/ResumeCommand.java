package io.leaderlens.cli;

import io.leaderlens.jobs.deploy.JobDeployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Start a job on the Flink cluster again from the newest checkpoint its last run left, after the "
                + "JobManager was lost or the job was cancelled (checkpoints are kept on cancellation).")
public final class ResumeCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Parameters(index = "0", paramLabel = "JOB", description = "leader-metrics, fraud-scoring or commissions")
    String job;

    @Override
    public Integer call() throws Exception {
        new JobDeployment(context.config(), Log::info).resume(job);
        return 0;
    }
}
