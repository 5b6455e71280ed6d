package io.leaderlens.cli;

import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.jobs.runtime.SessionCluster;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List the jobs of the Flink session cluster (flink.rest-address; the local one of ./leaderlens cluster up by default), newest first.")
public final class JobsCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Override
    public Integer call() throws Exception {
        String address = new JobRuntime(context.rawConfig()).restAddress();
        try (SessionCluster cluster = new SessionCluster(address)) {
            List<SessionCluster.Job> jobs = cluster.jobs();
            System.out.printf("%-32s  %-16s  %-11s  %s%n", "job id", "name", "state", "started (UTC)");
            for (SessionCluster.Job job : jobs) {
                System.out.printf("%-32s  %-16s  %-11s  %s%n", job.id(), job.name(), job.state(), job.started().toString().substring(0, 19));
            }
            if (jobs.isEmpty()) {
                System.out.println("(no jobs; web UI http://" + address + ")");
            }
        }
        return 0;
    }
}
