package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Exactly-once checkpoints: how often (the latency of every exactly-once output), the state backend, and where
 * checkpoints and savepoints go (empty: the defaults of the cluster or the local stack).
 */
public record CheckpointSettings(Duration interval, String stateBackend, Optional<String> directory, Optional<String> savepointDirectory) {
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
        return new CheckpointSettings(interval, backend, config.find("job.checkpoint-dir"), config.find("job.savepoint-dir"));
    }
}
