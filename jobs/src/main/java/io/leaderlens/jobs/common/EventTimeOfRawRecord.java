package io.leaderlens.jobs.common;

import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.events.codec.EventTimeReader;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a Kafka record, read from its payload, so the source can keep a watermark per partition
 * (partitions are read at different speeds; one watermark over all of them would make the slower ones late).
 * Undecodable records keep their Kafka timestamp: they become dead letters anyway.
 */
public final class EventTimeOfRawRecord implements SerializableTimestampAssigner<RawRecord> {
    private transient EventTimeReader times; // only the time: the full decode follows in DecodeEvents

    @Override
    public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
        if (times == null) {
            times = new EventTimeReader();
        }
        try {
            return times.eventTime(record.value());
        } catch (EventDecodingException e) {
            return kafkaTimestamp;
        }
    }
}
