package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.DecodeEvents;
import io.leaderlens.jobs.common.PlatformEventStreams;
import io.leaderlens.jobs.common.LateEvent;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.common.SeparateLateEvents;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderboardEntry;
import io.leaderlens.time.CalendarPeriod;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Live leader metrics: platform events → decoded, deduplicated, late ones set aside → per leader per
 * minute / hour / day → leaderboards per city per hour / day. Raw events, dead letters and late events
 * are kept too. Sources and outputs are given, so tests run the same job on bounded input.
 */
public final class LeaderMetricsJob {
    /**
     * @param outOfOrderness how far behind the newest event an event may arrive and still count
     * @param dedupRetention how long event ids are remembered to drop resends
     */
    public record Settings(ZoneId zone, Duration outOfOrderness, Duration idleness, Duration dedupRetention, int leaderboardSize) {
        public Settings {
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
    private final Settings settings;
    private final Outputs outputs;

    public LeaderMetricsJob(Source<RawRecord, ?, ?> source, Settings settings, Outputs outputs) {
        this.source = requireNonNull(source, "source");
        this.settings = requireNonNull(settings, "settings");
        this.outputs = requireNonNull(outputs, "outputs");
    }

    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<PlatformEvent> decoded = PlatformEventStreams.decoded(env, source, settings.outOfOrderness(),
                settings.idleness(), "");
        outputs.deadLetters().attach(decoded.getSideOutput(DecodeEvents.DEAD_LETTERS));

        DataStream<PlatformEvent> unique = PlatformEventStreams.unique(decoded, settings.dedupRetention(), "");
        outputs.rawEvents().attach(unique);

        SingleOutputStreamOperator<PlatformEvent> onTime = unique
                .process(new SeparateLateEvents()).name("separate-late").uid("separate-late");
        outputs.lateEvents().attach(onTime.getSideOutput(SeparateLateEvents.LATE_EVENTS));

        KeyedStream<LeaderActivity, String> byLeader = onTime
                .keyBy(PlatformEvent::leaderId)
                .process(new MarkFirstOrders()).name("mark-first-orders").uid("mark-first-orders")
                .keyBy(activity -> activity.event().leaderId());

        DataStream<LeaderMetrics> perMinute = leaderMetrics(byLeader, CalendarPeriod.MINUTE);
        DataStream<LeaderMetrics> perHour = leaderMetrics(byLeader, CalendarPeriod.HOUR);
        DataStream<LeaderMetrics> perDay = leaderMetrics(byLeader, CalendarPeriod.DAY);
        outputs.minuteMetrics().attach(perMinute);
        outputs.dailyMetrics().attach(perDay);

        DataStream<LeaderboardEntry> hourlyBoard = leaderboard(perHour, CalendarPeriod.HOUR);
        DataStream<LeaderboardEntry> dailyBoard = leaderboard(perDay, CalendarPeriod.DAY);
        outputs.hourlyLeaderboard().attach(hourlyBoard);
        outputs.dailyLeaderboard().attach(dailyBoard);
        outputs.leaderboardUpdates().attach(hourlyBoard.union(dailyBoard));
    }

    private DataStream<LeaderMetrics> leaderMetrics(KeyedStream<LeaderActivity, String> byLeader, CalendarPeriod period) {
        String name = "leader-metrics-" + period.name().toLowerCase();
        return byLeader.window(new CalendarWindows(period, settings.zone()))
                .aggregate(new CountLeaderMetrics(), new EmitLeaderMetrics(settings.zone()))
                .name(name).uid(name);
    }

    private DataStream<LeaderboardEntry> leaderboard(DataStream<LeaderMetrics> perLeader, CalendarPeriod period) {
        String name = "leaderboard-" + period.name().toLowerCase();
        // per-leader results carry their window's last timestamp, so they fall into the same period here
        return perLeader.keyBy(LeaderMetrics::city)
                .window(new CalendarWindows(period, settings.zone()))
                .process(new RankLeaders(settings.leaderboardSize()))
                .name(name).uid(name);
    }
}
