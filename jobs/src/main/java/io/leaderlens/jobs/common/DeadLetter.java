package io.leaderlens.jobs.common;

import static java.util.Objects.requireNonNull;

/**
 * Input that could not be used, kept with the reason and the raw bytes so it can be fixed and replayed.
 *
 * @param source where it came from, e.g. the Kafka topic
 */
public record DeadLetter(String source, int partition, long offset, long receivedAt, String reason, byte[] payload) {
    public DeadLetter {
        requireNonNull(source, "source");
        requireNonNull(reason, "reason");
        requireNonNull(payload, "payload");
    }
}
