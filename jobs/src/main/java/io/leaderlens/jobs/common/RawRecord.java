package io.leaderlens.jobs.common;

import static java.util.Objects.requireNonNull;

/** A Kafka record before decoding: decoding happens in the job so bad bytes become dead letters, not failures. */
public record RawRecord(String topic, int partition, long offset, long timestamp, byte[] value) implements java.io.Serializable {
    public RawRecord {
        requireNonNull(topic, "topic");
        value = value == null ? new byte[0] : value;
    }
}
