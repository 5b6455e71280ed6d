package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Exactly-once checkpoints: how often (the latency of every exactly-once output), the state backend, where
 * checkpoints and savepoints go (empty: the defaults of the cluster or the local stack), and how many restarts
 * from them a job attempts without a stable stretch in between before it gives up.
 */
public record CheckpointSettings(Duration interval, String stateBackend, Optional<String> directory, Optional<String> savepointDirectory,
                                 int restartAttempts) {
    public CheckpointSettings {
        requireNonNull(interval, "interval");
        requireNonNull(stateBackend, "stateBackend");
        requireNonNull(directory, "directory");
        requireNonNull(savepointDirectory, "savepointDirectory");
    }

    static CheckpointSettings read(LeaderlensConfig config, Problems problems) {
        Duration interval = problems.read(() -> config.getDuration("job.checkpoint-interval"), Duration.ofSeconds(10));
        problems.check(interval.compareTo(Duration.ofMillis(100)) >= 0 && interval.compareTo(Duration.ofHours(1)) <= 0,
                "job.checkpoint-interval must be between 100 ms and 1 h (outputs appear once per checkpoint), got " + interval);
        String backend = problems.read(() -> config.get("job.state-backend"), "hashmap");
        problems.check(backend.equals("hashmap") || backend.equals("rocksdb"), "job.state-backend must be hashmap or rocksdb, got '" + backend + "'");
        int restartAttempts = problems.read(() -> config.getInt("job.restart-attempts"), 12);
        problems.check(restartAttempts >= 1, "job.restart-attempts must be at least 1, got " + restartAttempts);
        return new CheckpointSettings(interval, backend, config.find("job.checkpoint-dir"), config.find("job.savepoint-dir"), restartAttempts);
    }
}
