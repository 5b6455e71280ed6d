package io.leaderlens.cli;

import io.leaderlens.jobs.deploy.JobDeployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Stop a job running on the Flink cluster with a savepoint, and start this build of it from there: "
                + "same state, no event lost or counted twice (job.savepoint-dir keeps the savepoints).")
public final class UpgradeCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Parameters(index = "0", paramLabel = "JOB", description = "leader-metrics, fraud-scoring or commissions")
    String job;

    @Override
    public Integer call() throws Exception {
        JobDeployment.Upgrade upgrade = new JobDeployment(context.config(), Log::info).upgrade(job);
        System.out.println(upgrade.job() + ": " + upgrade.oldJobId() + " -> " + upgrade.newJobId() + " (savepoint " + upgrade.savepoint() + ")");
        return 0;
    }
}
