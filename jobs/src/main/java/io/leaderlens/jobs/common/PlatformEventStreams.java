package io.leaderlens.jobs.common;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.privacy.EventPseudonyms;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How every leaderlens job reads the platform topics: event time from the payload with per-partition
 * watermarks, decoded and pseudonymised (dead letters on {@link DecodeEvents#DEAD_LETTERS}), then producer resends dropped.
 * {@code uidPrefix} keeps each job's operator ids (and so its savepoints) its own.
 */
public final class PlatformEventStreams {
    private static final Duration ALIGNMENT_UPDATES = Duration.ofMillis(200);
    private static final Duration MAX_DRIFT = Duration.ofMinutes(15);

    private PlatformEventStreams() {}

    public static SingleOutputStreamOperator<PlatformEvent> decoded(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source,
                                                                    Duration outOfOrderness, Duration idleness, EventPseudonyms pseudonyms,
                                                                    String uidPrefix) {
        WatermarkStrategy<RawRecord> watermarks = idle(WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new EventTimeOfRawRecord()), idleness);
        if (source.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED) {
            // partitions are read at their own pace; one running ahead in event time would only fill the buffers that
            // wait for the slowest, so a partition far ahead of the others pauses (catching up after downtime; live
            // partitions move together anyway). Far: a quarter of an hour of event time, seconds of reading when
            // catching up — less would pause the readers more than it saves. Not for bounded reads: a split that
            // finishes while a pause is in flight fails the Kafka reader (FLINK-39728, fixed after connector 5.0.0-2.1)
            Duration drift = outOfOrderness.compareTo(MAX_DRIFT) > 0 ? outOfOrderness : MAX_DRIFT;
            watermarks = watermarks.withWatermarkAlignment(uidPrefix + "platform-events", drift, ALIGNMENT_UPDATES);
        }
        return env
                .fromSource(source, watermarks, "platform-events", JobTypes.of(RawRecord.class)).uid(uidPrefix + "platform-events")
                .process(new DecodeEvents(pseudonyms), JobTypes.events()).name("decode").uid(uidPrefix + "decode");
    }

    /**
     * A topic of the platform's own events (campaigns), decoded: a few a day, keyed by campaign, so most of its
     * partitions are quiet for hours and would hold event time back (and pause every aligned partition) until idleness
     * set in. It is read like a control stream instead: its watermark is at the end of time, its records keep their
     * event time, and downstream of a union the other topics' watermark alone moves event time.
     */
    public static SingleOutputStreamOperator<PlatformEvent> decodedWithoutEventTime(StreamExecutionEnvironment env,
                                                                                    Source<RawRecord, ?, ?> source,
                                                                                    EventPseudonyms pseudonyms, String uidPrefix) {
        WatermarkStrategy<RawRecord> atEndOfTime = ControlStreamWatermarks.<RawRecord>never().withTimestampAssigner(new EventTimeOfRawRecord());
        return env
                .fromSource(source, atEndOfTime, "platform-campaigns", JobTypes.of(RawRecord.class)).uid(uidPrefix + "platform-campaigns")
                .process(new DecodeEvents(pseudonyms), JobTypes.events()).name("decode-campaigns").uid(uidPrefix + "decode-campaigns");
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
                .keyBy(PlatformEvent::partitionKey, JobTypes.keys())
                .process(new DropDuplicateEvents(retention), JobTypes.events()).name("drop-duplicates").uid(uidPrefix + "drop-duplicates");
    }
}
