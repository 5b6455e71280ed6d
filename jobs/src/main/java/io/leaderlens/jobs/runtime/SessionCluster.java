package io.leaderlens.jobs.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;

/**
 * The jobs of a Flink session cluster, through its REST API: what runs there, and stopping a job with a
 * savepoint so that a new build of it resumes where the old one stopped.
 */
public final class SessionCluster implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** A job on the cluster. */
    public record Job(String id, String name, JobStatus state, Instant started) {
        public Job {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
            requireNonNull(state, "state");
            requireNonNull(started, "started");
        }
    }

    private final String restAddress;
    private final RestClusterClient<StandaloneClusterId> client;

    /** @param restAddress host:port of the JobManager's REST endpoint */
    public SessionCluster(String restAddress) throws Exception {
        this.restAddress = requireNonNull(restAddress, "restAddress");
        String[] hostPort = restAddress.split(":", 2);
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, hostPort[0]);
        config.set(RestOptions.PORT, Integer.parseInt(hostPort[1]));
        this.client = new RestClusterClient<>(config, StandaloneClusterId.getInstance());
    }

    /** Every job the cluster knows, newest first. */
    public List<Job> jobs() throws Exception {
        try {
            return client.listJobs().get(30, TimeUnit.SECONDS).stream()
                    .sorted(Comparator.comparingLong(JobStatusMessage::getStartTime).reversed())
                    .map(j -> new Job(j.getJobId().toString(), j.getJobName(), j.getJobState(), Instant.ofEpochMilli(j.getStartTime())))
                    .toList();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no Flink cluster answers at " + restAddress + " (start one with ./leaderlens cluster up): "
                    + e.getMessage(), e);
        }
    }

    /** The one running (or starting) job of that name, if there is one. */
    public Optional<Job> running(String name) throws Exception {
        List<Job> running = jobs().stream().filter(j -> j.name().equals(name) && !j.state().isGloballyTerminalState()).toList();
        if (running.size() > 1) {
            throw new IllegalStateException(running.size() + " jobs named " + name + " run on " + restAddress + ": " + running);
        }
        return running.stream().findFirst();
    }

    /** Stops the job after a savepoint into {@code directory}, exactly once for every sink, and returns its location. */
    public String stopWithSavepoint(String jobId, String directory) throws Exception {
        return client.stopWithSavepoint(JobID.fromHexString(jobId), false, directory, SavepointFormatType.CANONICAL)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the job as if its input had ended: the sources emit the end-of-time watermark before the savepoint, so
     * every open window and timer fires and its output is committed (what a bounded run does at its end).
     */
    public String drain(String jobId, String directory) throws Exception {
        return drain(jobId, directory, TIMEOUT);
    }

    /** @param timeout how long to wait: the savepoint completes only after every timer of the job fired */
    public String drain(String jobId, String directory, Duration timeout) throws Exception {
        return client.stopWithSavepoint(JobID.fromHexString(jobId), true, directory, SavepointFormatType.CANONICAL)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public JobStatus status(String jobId) throws Exception {
        return client.getJobStatus(JobID.fromHexString(jobId)).get(30, TimeUnit.SECONDS);
    }

    public void cancel(String jobId) throws Exception {
        client.cancel(JobID.fromHexString(jobId)).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
    }
}
