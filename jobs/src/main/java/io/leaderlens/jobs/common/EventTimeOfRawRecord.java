package io.leaderlens.jobs.common;

import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.codec.EventDecodingException;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a Kafka record, read from its payload, so the source can keep a watermark per partition
 * (partitions are read at different speeds; one watermark over all of them would make the slower ones late).
 * Undecodable records keep their Kafka timestamp: they become dead letters anyway.
 */
public final class EventTimeOfRawRecord implements SerializableTimestampAssigner<RawRecord> {
    private transient BinaryEventCodec codec;

    @Override
    public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
        if (codec == null) {
            codec = new BinaryEventCodec();
        }
        try {
            return codec.decode(record.value()).eventTime();
        } catch (EventDecodingException e) {
            return kafkaTimestamp;
        }
    }
}
