package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;

/**
 * What every job needs from the configuration, parsed and checked once before anything starts: Kafka, the
 * catalog, checkpoints, the job itself. A configuration with problems is refused with all of them listed.
 */
public record RuntimeSettings(KafkaSettings kafka, CatalogSettings catalog, CheckpointSettings checkpoints, JobSettings job) {
    public RuntimeSettings {
        requireNonNull(kafka, "kafka");
        requireNonNull(catalog, "catalog");
        requireNonNull(checkpoints, "checkpoints");
        requireNonNull(job, "job");
    }

    public static RuntimeSettings from(LeaderlensConfig config) {
        Problems problems = new Problems();
        RuntimeSettings settings = new RuntimeSettings(KafkaSettings.read(config, problems), CatalogSettings.read(config, problems),
                CheckpointSettings.read(config, problems), JobSettings.read(config, problems));
        problems.refuseIfAny("configuration (profile " + config.profile() + ")");
        return settings;
    }
}
