package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderMetricsAccumulator;
import io.leaderlens.time.CalendarBucket;
import io.leaderlens.time.CalendarPeriod;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by leader: counts each on-time activity into its minute, and when the watermark passes a minute's end
 * emits the minute and folds it into its hour and its day, which are emitted when the watermark passes their
 * end — the same figures as three tumbling windows over the raw activity, at one state access and at most one
 * new timer per event instead of three of each. Minutes go to the main output, hours and days to
 * {@link #HOURS} and {@link #DAYS}; every result carries its period's last millisecond as its timestamp, so
 * the leaderboards downstream put it into the same period.
 *
 * <p>Activity must be on time (after the watermark), which {@code SeparateLateEvents} ensures upstream, so a
 * minute never receives events after it was folded. Minute boundaries are those of UTC (every zone's offset
 * is a whole number of minutes); hours and days follow the platform's wall clock, including days that are not
 * 24 h long.
 */
public final class RollUpLeaderMetrics extends KeyedProcessFunction<String, LeaderActivity, LeaderMetrics> {
    public static final OutputTag<LeaderMetrics> HOURS = new OutputTag<>("leader-metrics-hour", TypeInformation.of(LeaderMetrics.class));
    public static final OutputTag<LeaderMetrics> DAYS = new OutputTag<>("leader-metrics-day", TypeInformation.of(LeaderMetrics.class));
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private final String zoneId;
    private transient CalendarBucket minuteDay;
    private transient CalendarBucket hour;
    private transient CalendarBucket day;
    /** period start → counts so far, one map per period size */
    private transient MapState<Long, LeaderMetricsAccumulator> minutes;
    private transient MapState<Long, LeaderMetricsAccumulator> hours;
    private transient MapState<Long, LeaderMetricsAccumulator> days;

    public RollUpLeaderMetrics(ZoneId zone) {
        this.zoneId = requireNonNull(zone, "zone").getId();
    }

    @Override
    public void open(OpenContext context) {
        ZoneId zone = ZoneId.of(zoneId);
        minuteDay = new CalendarBucket(CalendarPeriod.DAY, zone);
        hour = new CalendarBucket(CalendarPeriod.HOUR, zone);
        day = new CalendarBucket(CalendarPeriod.DAY, zone);
        TypeInformation<LeaderMetricsAccumulator> counts = TypeInformation.of(LeaderMetricsAccumulator.class);
        minutes = getRuntimeContext().getMapState(new MapStateDescriptor<>("minutes", Types.LONG, counts));
        hours = getRuntimeContext().getMapState(new MapStateDescriptor<>("hours", Types.LONG, counts));
        days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Types.LONG, counts));
    }

    @Override
    public void processElement(LeaderActivity activity, Context ctx, Collector<LeaderMetrics> out) throws Exception {
        long t = activity.event().eventTime();
        long minute = t - Math.floorMod(t, MINUTE);
        LeaderMetricsAccumulator counts = minutes.get(minute);
        if (counts == null) {
            counts = new LeaderMetricsAccumulator();
            ctx.timerService().registerEventTimeTimer(minute + MINUTE - 1);
        }
        minutes.put(minute, counts.add(activity.event(), activity.firstOrder()));
    }

    /** A timer is the last millisecond of a minute, and maybe of an hour and a day too: minute first, then hour, then day. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LeaderMetrics> out) throws Exception {
        long minute = timestamp + 1 - MINUTE;
        LeaderMetricsAccumulator counts = minutes.get(minute);
        if (counts != null) {
            minutes.remove(minute);
            out.collect(counts.result(minuteDay.day(minute), minute, minute + MINUTE));
            fold(counts, minute, hour, hours, timestamp, ctx);
            fold(counts, minute, day, days, timestamp, ctx);
        }
        emitIfEnded(timestamp, hour, hours, HOURS, ctx);
        emitIfEnded(timestamp, day, days, DAYS, ctx);
    }

    private static void fold(LeaderMetricsAccumulator minuteCounts, long minute, CalendarBucket bucket,
                             MapState<Long, LeaderMetricsAccumulator> periods, long firing, OnTimerContext ctx) throws Exception {
        long start = bucket.start(minute);
        LeaderMetricsAccumulator counts = periods.get(start);
        if (counts == null) {
            counts = new LeaderMetricsAccumulator();
            long last = bucket.end(minute) - 1;
            if (last != firing) { // (the period ends with this minute: emitted below, in this call)
                ctx.timerService().registerEventTimeTimer(last);
            }
        }
        periods.put(start, counts.merge(minuteCounts));
    }

    private static void emitIfEnded(long timestamp, CalendarBucket bucket, MapState<Long, LeaderMetricsAccumulator> periods,
                                    OutputTag<LeaderMetrics> tag, OnTimerContext ctx) throws Exception {
        long end = bucket.end(timestamp);
        if (end - 1 != timestamp) {
            return;
        }
        long start = bucket.start(timestamp);
        LeaderMetricsAccumulator counts = periods.get(start);
        if (counts != null) {
            periods.remove(start);
            ctx.output(tag, counts.result(bucket.day(timestamp), start, end));
        }
    }
}
