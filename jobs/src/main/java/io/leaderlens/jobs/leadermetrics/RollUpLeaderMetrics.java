package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderMetricsAccumulator;
import io.leaderlens.time.CalendarBucket;
import io.leaderlens.time.CalendarPeriod;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * <p>A leader's open minutes are one state value, and its open hours and days another: a leader has only a
 * few of each open at a time (the watermark trails the newest event by the out-of-orderness), and one value
 * is one lookup, where a map per period size cost a lookup in the backend's table and one in the map for
 * every period touched — on the heap backend those lookups were a fifth of the job's CPU. The minutes are
 * apart from the longer periods so that the per-event update does not rewrite an hour's and a day's buyers
 * (which a serializing backend such as RocksDB would do).
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

    /** The counts of one period that has not ended yet (a POJO: Flink's serializer, no Kryo). */
    public static final class OpenPeriod {
        public long start;
        public LeaderMetricsAccumulator counts;

        public OpenPeriod() {}

        OpenPeriod(long start) {
            this.start = start;
            this.counts = new LeaderMetricsAccumulator();
        }
    }

    /** A leader's open minutes, in no particular order (there are one or two). */
    public static final class OpenMinutes {
        public List<OpenPeriod> minutes = new ArrayList<>(2);
    }

    /** A leader's open hours and days (one of each, two around a boundary). */
    public static final class OpenHoursAndDays {
        public List<OpenPeriod> hours = new ArrayList<>(2);
        public List<OpenPeriod> days = new ArrayList<>(2);
    }

    private final String zoneId;
    private transient CalendarBucket minuteDay;
    private transient CalendarBucket hour;
    private transient CalendarBucket day;
    private transient ValueState<OpenMinutes> openMinutes;
    private transient ValueState<OpenHoursAndDays> openHoursAndDays;

    public RollUpLeaderMetrics(ZoneId zone) {
        this.zoneId = requireNonNull(zone, "zone").getId();
    }

    @Override
    public void open(OpenContext context) {
        ZoneId zone = ZoneId.of(zoneId);
        minuteDay = new CalendarBucket(CalendarPeriod.DAY, zone);
        hour = new CalendarBucket(CalendarPeriod.HOUR, zone);
        day = new CalendarBucket(CalendarPeriod.DAY, zone);
        openMinutes = getRuntimeContext().getState(new ValueStateDescriptor<>("minutes", TypeInformation.of(OpenMinutes.class)));
        openHoursAndDays = getRuntimeContext().getState(
                new ValueStateDescriptor<>("hours-and-days", TypeInformation.of(OpenHoursAndDays.class)));
    }

    @Override
    public void processElement(LeaderActivity activity, Context ctx, Collector<LeaderMetrics> out) throws Exception {
        long t = activity.event().eventTime();
        long minute = t - Math.floorMod(t, MINUTE);
        OpenMinutes open = openMinutes.value();
        if (open == null) {
            open = new OpenMinutes();
        }
        OpenPeriod counts = find(open.minutes, minute);
        if (counts == null) {
            counts = new OpenPeriod(minute);
            open.minutes.add(counts);
            ctx.timerService().registerEventTimeTimer(minute + MINUTE - 1);
        }
        counts.counts.add(activity.event(), activity.firstOrder());
        openMinutes.update(open);
    }

    /** A timer is the last millisecond of a minute, and maybe of an hour and a day too: minute first, then hour, then day. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LeaderMetrics> out) throws Exception {
        long minute = timestamp + 1 - MINUTE;
        OpenHoursAndDays longer = null;
        OpenMinutes open = openMinutes.value();
        OpenPeriod ended = open == null ? null : remove(open.minutes, minute);
        if (ended != null) {
            if (open.minutes.isEmpty()) {
                openMinutes.clear();
            } else {
                openMinutes.update(open);
            }
            out.collect(ended.counts.result(minuteDay.day(minute), minute, minute + MINUTE));
            longer = hoursAndDays();
            fold(ended.counts, minute, hour, longer.hours, timestamp, ctx);
            fold(ended.counts, minute, day, longer.days, timestamp, ctx);
        }
        boolean hourEnds = hour.end(timestamp) - 1 == timestamp;
        boolean dayEnds = day.end(timestamp) - 1 == timestamp;
        if (longer == null && (hourEnds || dayEnds)) {
            longer = openHoursAndDays.value();
        }
        if (longer == null) {
            return;
        }
        if (hourEnds) {
            emit(timestamp, hour, longer.hours, HOURS, ctx);
        }
        if (dayEnds) {
            emit(timestamp, day, longer.days, DAYS, ctx);
        }
        if (longer.hours.isEmpty() && longer.days.isEmpty()) {
            openHoursAndDays.clear();
        } else {
            openHoursAndDays.update(longer);
        }
    }

    private OpenHoursAndDays hoursAndDays() throws Exception {
        OpenHoursAndDays longer = openHoursAndDays.value();
        return longer == null ? new OpenHoursAndDays() : longer;
    }

    private static void fold(LeaderMetricsAccumulator minuteCounts, long minute, CalendarBucket bucket, List<OpenPeriod> open,
                             long firing, OnTimerContext ctx) {
        long start = bucket.start(minute);
        OpenPeriod counts = find(open, start);
        if (counts == null) {
            counts = new OpenPeriod(start);
            open.add(counts);
            long last = bucket.end(minute) - 1;
            if (last != firing) { // (the period ends with this minute: emitted in this call)
                ctx.timerService().registerEventTimeTimer(last);
            }
        }
        counts.counts.merge(minuteCounts);
    }

    /** Emits the period of {@code bucket} that ends at {@code timestamp}, if the leader had any activity in it. */
    private static void emit(long timestamp, CalendarBucket bucket, List<OpenPeriod> open, OutputTag<LeaderMetrics> tag,
                             OnTimerContext ctx) {
        long start = bucket.start(timestamp);
        OpenPeriod ended = remove(open, start);
        if (ended != null) {
            ctx.output(tag, ended.counts.result(bucket.day(timestamp), start, bucket.end(timestamp)));
        }
    }

    private static OpenPeriod find(List<OpenPeriod> open, long start) {
        for (OpenPeriod period : open) {
            if (period.start == start) {
                return period;
            }
        }
        return null;
    }

    private static OpenPeriod remove(List<OpenPeriod> open, long start) {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).start == start) {
                return open.remove(i);
            }
        }
        return null;
    }
}
