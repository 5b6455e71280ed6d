package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.DecodeEvents;
import io.leaderlens.jobs.common.PlatformEventStreams;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.privacy.EventPseudonyms;
import io.leaderlens.jobs.common.LateEvent;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.common.SeparateLateEvents;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderboardEntry;
import io.leaderlens.time.CalendarPeriod;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Live leader metrics: platform events → decoded, deduplicated, late ones set aside → per leader per
 * minute, rolled up into hours and days → leaderboards per city per hour / day. Raw events, dead letters and late events
 * are kept too. Sources and outputs are given, so tests run the same job on bounded input.
 */
public final class LeaderMetricsJob {
    /**
     * @param outOfOrderness how far behind the newest event an event may arrive and still count
     * @param dedupRetention how long event ids are remembered to drop resends
     */
    public record Settings(ZoneId zone, Duration outOfOrderness, Duration idleness, Duration dedupRetention, int leaderboardSize,
                           EventPseudonyms pseudonyms) {
        public Settings {
            requireNonNull(pseudonyms, "pseudonyms");
            requireNonNull(zone, "zone");
            requireNonNull(outOfOrderness, "outOfOrderness");
            requireNonNull(idleness, "idleness");
            requireNonNull(dedupRetention, "dedupRetention");
        }
    }

    /** Every result of the job, each to its own table or topic. */
    public record Outputs(
            StreamOutput<LeaderMetrics> minuteMetrics,
            StreamOutput<LeaderMetrics> dailyMetrics,
            StreamOutput<LeaderboardEntry> hourlyLeaderboard,
            StreamOutput<LeaderboardEntry> dailyLeaderboard,
            StreamOutput<LeaderboardEntry> leaderboardUpdates,
            StreamOutput<PlatformEvent> rawEvents,
            StreamOutput<DeadLetter> deadLetters,
            StreamOutput<LateEvent> lateEvents) {
    }

    private final Source<RawRecord, ?, ?> source;
    private final Source<RawRecord, ?, ?> campaigns;
    private final Settings settings;
    private final Outputs outputs;

    /** One source of every kind of event (bounded runs and tests). */
    public LeaderMetricsJob(Source<RawRecord, ?, ?> source, Settings settings, Outputs outputs) {
        this(source, null, settings, outputs);
    }

    /**
     * @param source    the events at leaders
     * @param campaigns the platform's campaign events, read without event time of their own
     *                  ({@link PlatformEventStreams#decodedWithoutEventTime}); null when {@code source} carries them
     */
    public LeaderMetricsJob(Source<RawRecord, ?, ?> source, Source<RawRecord, ?, ?> campaigns, Settings settings, Outputs outputs) {
        this.source = requireNonNull(source, "source");
        this.campaigns = campaigns;
        this.settings = requireNonNull(settings, "settings");
        this.outputs = requireNonNull(outputs, "outputs");
    }

    public void build(StreamExecutionEnvironment env) {
        // chained operators pass records on without a deep copy: safe here, because everything that crosses an
        // operator is immutable (events, records) or built fresh per record, and no function changes its input;
        // the copies (every Iceberg row copied field by field into its writer) were a tenth of the job's CPU
        env.getConfig().enableObjectReuse();
        SingleOutputStreamOperator<PlatformEvent> decoded = PlatformEventStreams.decoded(env, source, settings.outOfOrderness(),
                settings.idleness(), settings.pseudonyms(), "");
        DataStream<PlatformEvent> events = decoded;
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(DecodeEvents.DEAD_LETTERS);
        if (campaigns != null) {
            SingleOutputStreamOperator<PlatformEvent> campaignEvents = PlatformEventStreams.decodedWithoutEventTime(env, campaigns,
                    settings.pseudonyms(), "");
            events = decoded.union(campaignEvents);
            deadLetters = deadLetters.union(campaignEvents.getSideOutput(DecodeEvents.DEAD_LETTERS));
        }
        outputs.deadLetters().attach(deadLetters);

        DataStream<PlatformEvent> unique = PlatformEventStreams.unique(events, settings.dedupRetention(), "");
        outputs.rawEvents().attach(unique);

        // everything from here to the leaderboards is per leader, like the de-duplication: the stream stays where
        // it is (no shuffle, no serialisation), each step chained to the one before; a campaign's events (the
        // platform's, partitioned by campaign) are landed above and moved no leader figure
        SingleOutputStreamOperator<PlatformEvent> onTime = unique
                .filter(PlatformEvent::atALeader).name("at-a-leader").uid("at-a-leader")
                .process(new SeparateLateEvents()).name("separate-late").uid("separate-late");
        outputs.lateEvents().attach(onTime.getSideOutput(SeparateLateEvents.LATE_EVENTS));

        SingleOutputStreamOperator<LeaderActivity> activity = byLeader(onTime, PlatformEvent::leaderId)
                .process(new MarkFirstOrders()).name("mark-first-orders").uid("mark-first-orders");
        SingleOutputStreamOperator<LeaderMetrics> perMinute = byLeader(activity, a -> a.event().leaderId())
                .transform("leader-metrics", JobTypes.of(LeaderMetrics.class), new RollUpLeaderMetrics(settings.zone()))
                .uid("leader-metrics");
        DataStream<LeaderMetrics> perHour = perMinute.getSideOutput(RollUpLeaderMetrics.HOURS);
        DataStream<LeaderMetrics> perDay = perMinute.getSideOutput(RollUpLeaderMetrics.DAYS);
        outputs.minuteMetrics().attach(perMinute);
        outputs.dailyMetrics().attach(perDay);

        DataStream<LeaderboardEntry> hourlyBoard = leaderboard(perHour, CalendarPeriod.HOUR);
        DataStream<LeaderboardEntry> dailyBoard = leaderboard(perDay, CalendarPeriod.DAY);
        outputs.hourlyLeaderboard().attach(hourlyBoard);
        outputs.dailyLeaderboard().attach(dailyBoard);
        outputs.leaderboardUpdates().attach(hourlyBoard.union(dailyBoard));
    }

    /** A stream partitioned by leader already (by the de-duplication's keyBy, then forward only) seen as keyed again. */
    private static <T> KeyedStream<T, String> byLeader(DataStream<T> partitionedByLeader, KeySelector<T, String> leader) {
        return DataStreamUtils.reinterpretAsKeyedStream(partitionedByLeader, leader, Types.STRING);
    }

    private DataStream<LeaderboardEntry> leaderboard(DataStream<LeaderMetrics> perLeader, CalendarPeriod period) {
        String name = "leaderboard-" + period.name().toLowerCase();
        // per-leader results carry their window's last timestamp, so they fall into the same period here
        return perLeader.keyBy(LeaderMetrics::city, JobTypes.keys())
                .window(new CalendarWindows(period, settings.zone()))
                .process(new RankLeaders(settings.leaderboardSize()))
                .name(name).uid(name);
    }
}
