package io.leaderlens.jobs.deploy;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.jobs.runtime.SessionCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

/**
 * The three live jobs as deployable units on a session cluster: submitted by name, and upgraded by
 * stop-with-savepoint and a resubmission of the current build from that savepoint (every operator has a
 * stable uid, so the new build finds its state; the Kafka source finds its offsets there, and the sinks have
 * committed what the savepoint covers).
 */
public final class JobDeployment {
    public static final List<String> JOBS = List.of(LeaderMetricsRunner.JOB_NAME, FraudScoringRunner.JOB_NAME, CommissionRunner.JOB_NAME);

    private final LeaderlensConfig config;
    private final JobRuntime runtime;
    private final Consumer<String> log;

    public JobDeployment(LeaderlensConfig config, Consumer<String> log) {
        this.config = requireNonNull(config, "config").with("job.target", "cluster");
        this.runtime = new JobRuntime(this.config);
        this.log = requireNonNull(log, "log");
    }

    /** What was stopped and what runs now. */
    public record Upgrade(String job, String oldJobId, String savepoint, String newJobId) {}

    /**
     * Submits the job, following its topics.
     *
     * @param savepoint    resume from this savepoint (state and offsets), or null for a fresh start
     * @param startOffsets a fresh start's offsets; null: the consumer group's committed ones
     */
    public JobClient submit(String job, String savepoint, Map<TopicPartition, Long> startOffsets) throws Exception {
        Configuration flink = new Configuration();
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = runtime.environment(flink);
        build(job, config, env, startOffsets);
        JobClient submitted = env.executeAsync(job);
        remember(job, submitted.getJobID().toString());
        return submitted;
    }

    /** Builds the live (unbounded) job of that name on the environment. */
    public static void build(String job, LeaderlensConfig config, StreamExecutionEnvironment env, Map<TopicPartition, Long> startOffsets)
            throws IOException {
        switch (job) {
            case LeaderMetricsRunner.JOB_NAME -> new LeaderMetricsRunner(config).build(env, false, startOffsets);
            case FraudScoringRunner.JOB_NAME -> new FraudScoringRunner(config).build(env, false, startOffsets);
            case CommissionRunner.JOB_NAME -> new CommissionRunner(config).build(env, false, startOffsets, CommissionRunner.asOf(config));
            default -> throw new IllegalArgumentException("no job named '" + job + "'; the jobs are " + JOBS);
        }
    }

    /**
     * Submits the job again from the newest checkpoint its last run left — after the JobManager was lost, or the
     * job was cancelled — unless a job of that name still runs.
     */
    public JobClient resume(String job) throws Exception {
        String last = lastSubmitted(job).orElseThrow(() -> new IllegalStateException(
                "no " + job + " job was submitted from here (" + submissions() + ")"));
        try (SessionCluster cluster = new SessionCluster(runtime.restAddress())) {
            Optional<SessionCluster.Job> running = cluster.running(job);
            if (running.isPresent()) {
                throw new IllegalStateException(job + " runs already (job " + running.get().id() + "); ./leaderlens upgrade "
                        + job + " restarts it through a savepoint");
            }
        }
        String checkpoint = runtime.latestCheckpoint(last).orElseThrow(() -> new IllegalStateException(
                "job " + last + " (" + job + ") left no completed checkpoint in " + runtime.checkpointDirectory()));
        log.accept("resuming " + job + " (job " + last + ") from its newest checkpoint " + checkpoint);
        JobClient resumed = submit(job, checkpoint, null);
        log.accept(job + " resumed as job " + resumed.getJobID());
        return resumed;
    }

    /** The id of the job last submitted under that name from this machine. */
    public Optional<String> lastSubmitted(String job) throws IOException {
        Path file = submissions().resolve(job);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    private void remember(String job, String jobId) throws IOException {
        Files.createDirectories(submissions());
        Files.writeString(submissions().resolve(job), jobId + "\n");
    }

    /** One file per job name holding the id of its last submission (the cluster forgets jobs when its JobManager dies). */
    private Path submissions() {
        return Path.of(config.get("stack.data-dir")).resolve("flink/submitted").toAbsolutePath();
    }

    /** Stop-with-savepoint of the running job of that name, then the current build of it from the savepoint. */
    public Upgrade upgrade(String job) throws Exception {
        if (!JOBS.contains(job)) {
            throw new IllegalArgumentException("no job named '" + job + "'; the jobs are " + JOBS);
        }
        try (SessionCluster cluster = new SessionCluster(runtime.restAddress())) {
            SessionCluster.Job old = cluster.running(job).orElseThrow(() -> new IllegalStateException(
                    "no " + job + " job runs on the Flink cluster at " + runtime.restAddress() + " (./leaderlens jobs lists them)"));
            log.accept("stopping " + job + " (job " + old.id() + ") with a savepoint into " + runtime.savepointDirectory());
            String savepoint = cluster.stopWithSavepoint(old.id(), runtime.savepointDirectory());
            JobClient resumed = submit(job, savepoint, null);
            log.accept(job + " resumed from " + savepoint + " as job " + resumed.getJobID());
            return new Upgrade(job, old.id(), savepoint, resumed.getJobID().toString());
        }
    }
}
