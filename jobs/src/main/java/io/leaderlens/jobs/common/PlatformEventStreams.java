package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.types.JobTypes;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How every leaderlens job reads the platform topics: event time from the payload with per-partition
 * watermarks, decoded (dead letters on {@link DecodeEvents#DEAD_LETTERS}), then producer resends dropped.
 * {@code uidPrefix} keeps each job's operator ids (and so its savepoints) its own.
 */
public final class PlatformEventStreams {
    private PlatformEventStreams() {}

    public static SingleOutputStreamOperator<PlatformEvent> decoded(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source,
                                                                    Duration outOfOrderness, Duration idleness, String uidPrefix) {
        WatermarkStrategy<RawRecord> watermarks = idle(WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new EventTimeOfRawRecord()), idleness);
        return env
                .fromSource(source, watermarks, "platform-events", JobTypes.of(RawRecord.class)).uid(uidPrefix + "platform-events")
                .process(new DecodeEvents(), JobTypes.events()).name("decode").uid(uidPrefix + "decode");
    }

    /**
     * A partition quiet for {@code idleness} stops holding event time back; zero turns that off, so a quiet
     * partition holds it (for tests that need every event on time).
     */
    public static <T> WatermarkStrategy<T> idle(WatermarkStrategy<T> strategy, Duration idleness) {
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }

    public static DataStream<PlatformEvent> unique(DataStream<PlatformEvent> decoded, Duration retention, String uidPrefix) {
        return decoded
                .keyBy(PlatformEvent::leaderId)
                .process(new DropDuplicateEvents(retention), JobTypes.events()).name("drop-duplicates").uid(uidPrefix + "drop-duplicates");
    }
}
