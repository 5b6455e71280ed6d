package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Exactly-once checkpoints: how often (the latency of every exactly-once output), the state backend, where
 * checkpoints and savepoints go (empty: the defaults of the cluster or the local stack), how long one may take
 * (a drain's savepoint completes only after every timer of the job fired), how many restarts from them a job
 * attempts without a stable stretch in between before it gives up, and the longest wait between two of them.
 */
public record CheckpointSettings(Duration interval, String stateBackend, Optional<String> directory, Optional<String> savepointDirectory,
                                 Duration timeout, int restartAttempts, Duration restartMaxBackoff) {
    /**
     * How long the Kafka outputs' transactions may stay open (the broker's default {@code transaction.max.timeout.ms}):
     * a checkpoint's transactions are open until it completes, so no checkpoint may take longer.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    public CheckpointSettings {
        requireNonNull(interval, "interval");
        requireNonNull(stateBackend, "stateBackend");
        requireNonNull(directory, "directory");
        requireNonNull(savepointDirectory, "savepointDirectory");
        requireNonNull(timeout, "timeout");
        requireNonNull(restartMaxBackoff, "restartMaxBackoff");
    }

    static CheckpointSettings read(LeaderlensConfig config, Problems problems) {
        Duration interval = problems.read(() -> config.getDuration("job.checkpoint-interval"), Duration.ofSeconds(10));
        problems.check(interval.compareTo(Duration.ofMillis(100)) >= 0 && interval.compareTo(Duration.ofHours(1)) <= 0,
                "job.checkpoint-interval must be between 100 ms and 1 h (outputs appear once per checkpoint), got " + interval);
        String backend = problems.read(() -> config.get("job.state-backend"), "hashmap");
        problems.check(backend.equals("hashmap") || backend.equals("rocksdb"), "job.state-backend must be hashmap or rocksdb, got '" + backend + "'");
        Duration timeout = problems.read(() -> config.getDuration("job.checkpoint-timeout"), Duration.ofMinutes(10));
        problems.check(timeout.compareTo(interval) >= 0 && timeout.compareTo(TRANSACTION_TIMEOUT) <= 0,
                "job.checkpoint-timeout must be between job.checkpoint-interval and 15 min (the Kafka outputs' transaction timeout), got " + timeout);
        int restartAttempts = problems.read(() -> config.getInt("job.restart-attempts"), 12);
        problems.check(restartAttempts >= 1, "job.restart-attempts must be at least 1, got " + restartAttempts);
        Duration maxBackoff = problems.read(() -> config.getDuration("job.restart-max-backoff"), Duration.ofSeconds(30));
        problems.check(maxBackoff.compareTo(Duration.ofSeconds(1)) >= 0 && maxBackoff.compareTo(Duration.ofMinutes(10)) <= 0,
                "job.restart-max-backoff must be between 1 s (the first backoff) and 10 min, got " + maxBackoff);
        return new CheckpointSettings(interval, backend, config.find("job.checkpoint-dir"), config.find("job.savepoint-dir"), timeout, restartAttempts,
                maxBackoff);
    }
}
