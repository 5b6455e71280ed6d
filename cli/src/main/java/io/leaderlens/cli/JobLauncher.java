package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.deploy.JobDeployment;
import io.leaderlens.jobs.runtime.JobRuntime;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a job the way its command was asked to: embedded, it runs in this JVM until it ends (Ctrl-C stops it); on
 * a cluster, a job that follows the topics is submitted and left running there ({@link JobDeployment}, which
 * remembers its id for {@code resume}), and a bounded one is waited for, so its results are in when the command
 * returns.
 */
final class JobLauncher {
    /** Builds the job on an environment. */
    @FunctionalInterface
    interface JobBuilder {
        void build(StreamExecutionEnvironment env) throws Exception;
    }

    private JobLauncher() {}

    static void launch(LeaderlensConfig config, String name, boolean bounded, JobBuilder job) throws Exception {
        JobRuntime runtime = new JobRuntime(config);
        if (runtime.target() == JobRuntime.Target.CLUSTER && !bounded) {
            JobClient submitted = new JobDeployment(config, Log::info).submit(name, null, null);
            Log.info(name + " submitted to the Flink cluster at " + runtime.restAddress() + " as job " + submitted.getJobID()
                    + "; it keeps running there (./leaderlens jobs lists it)");
            return;
        }
        StreamExecutionEnvironment env = runtime.environment();
        job.build(env);
        JobExecutionResult result = env.execute(name);
        Log.info(name + " finished in " + result.getNetRuntime() / 1000.0 + " s"
                + (runtime.target() == JobRuntime.Target.CLUSTER ? " on the Flink cluster (job " + result.getJobID() + ")" : ""));
    }

    static String where(JobRuntime runtime) {
        return runtime.target() == JobRuntime.Target.CLUSTER ? "on the Flink cluster at " + runtime.restAddress() : "on a Flink MiniCluster";
    }
}
