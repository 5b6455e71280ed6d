package io.leaderlens.jobs.fraudscoring;

import static java.util.Objects.requireNonNull;

/**
 * Which model version and alert threshold to use for a subject, broadcast to the running scoring job (from
 * the {@code model-updates} topic), and who changed it when and why: every applied change is recorded.
 *
 * @param registry  the model registry directory the job can read
 * @param version   model version in the registry
 * @param threshold alert threshold; overrides the one the model was saved with
 */
public record ModelUpdate(String subject, String registry, int version, double threshold, String changedBy, String reason,
                          long changedAt) implements java.io.Serializable {
    public ModelUpdate {
        requireNonNull(subject, "subject");
        requireNonNull(registry, "registry");
        requireNonNull(changedBy, "changedBy");
    }
}
