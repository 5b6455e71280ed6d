package io.leaderlens.jobs.common;

import io.leaderlens.events.EventValidator;
import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.events.codec.EventTimeReader;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a Kafka record, read from its payload, so the source can keep a watermark per partition
 * (partitions are read at different speeds; one watermark over all of them would make the slower ones late).
 * A record that will be a dead letter moves no watermark: an undecodable one (its Kafka timestamp is the
 * producer's clock, possibly ahead of the events' time, which would make valid events late) and one whose time is
 * outside the years the validator accepts (one event dated 2300 would make everything after it late).
 */
public final class EventTimeOfRawRecord implements SerializableTimestampAssigner<RawRecord> {
    private transient EventTimeReader times; // only the time: the full decode follows in DecodeEvents

    @Override
    public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
        if (times == null) {
            times = new EventTimeReader();
        }
        try {
            long time = times.eventTime(record.value());
            return time >= EventValidator.EARLIEST_EVENT_TIME && time < EventValidator.LATEST_EVENT_TIME ? time : Long.MIN_VALUE;
        } catch (EventDecodingException e) {
            return Long.MIN_VALUE;
        }
    }
}
