package io.leaderlens.cli;

import io.leaderlens.jobs.runtime.JobRuntime;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a built job the way its command was asked to: embedded, it runs in this JVM until it ends (Ctrl-C stops
 * it); on a cluster, a job that follows the topics is submitted and left running there, and a bounded one is
 * waited for, so its results are in when the command returns.
 */
final class JobLauncher {
    private JobLauncher() {}

    static void launch(JobRuntime runtime, StreamExecutionEnvironment env, String name, boolean bounded) throws Exception {
        if (runtime.target() == JobRuntime.Target.CLUSTER && !bounded) {
            JobClient job = env.executeAsync(name);
            Log.info(name + " submitted to the Flink cluster at " + runtime.restAddress() + " as job " + job.getJobID()
                    + "; it keeps running there (./leaderlens jobs lists it)");
            return;
        }
        JobExecutionResult result = env.execute(name);
        Log.info(name + " finished in " + result.getNetRuntime() / 1000.0 + " s"
                + (runtime.target() == JobRuntime.Target.CLUSTER ? " on the Flink cluster (job " + result.getJobID() + ")" : ""));
    }

    static String where(JobRuntime runtime) {
        return runtime.target() == JobRuntime.Target.CLUSTER ? "on the Flink cluster at " + runtime.restAddress() : "on a Flink MiniCluster";
    }
}
