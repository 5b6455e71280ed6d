package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.jobs.common.DueKeys;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderMetricsAccumulator;
import io.leaderlens.time.CalendarBucket;
import io.leaderlens.time.CalendarPeriod;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by leader: counts each on-time activity into its minute, and when the watermark passes a minute's end
 * emits the minute and folds it into its hour and its day, which are emitted when the watermark passes their
 * end — the same figures as three tumbling windows over the raw activity, at one state access per event
 * instead of three, and no timer per minute. Minutes go to the main output, hours and days to
 * {@link #HOURS} and {@link #DAYS}; every result carries its period's last millisecond as its timestamp, so
 * the leaderboards downstream put it into the same period.
 *
 * <p>Minutes are closed without timers: a leader-minute is about one event in a world of thousands of leaders, and
 * a timer per leader-minute in Flink's timer queue (a hash set beside a heap per key group, each touched at a
 * random place) was a sixth of the job's CPU. The operator instead keeps an index of the open minutes — minute
 * → leaders with activity in it, in memory — and when a watermark arrives closes every minute it has passed,
 * leader by leader, before hours and days (still on timers, one per leader and hour or day) fire and the
 * watermark moves on. The index holds nothing the keyed state does not: it is not checkpointed but rebuilt
 * from the open minutes in state when the operator starts, so a restore or a rescale finds every open minute.
 *
 * <p>A leader's open minutes are one state value, and its open hours and days another: a leader has only a
 * few of each open at a time (the watermark trails the newest event by the out-of-orderness), and one value
 * is one lookup, where a map per period size cost a lookup in the backend's table and one in the map for
 * every period touched. The minutes are apart from the longer periods so that the per-event update does not
 * rewrite an hour's and a day's buyers (which a serializing backend such as RocksDB would do).
 *
 * <p>Activity must be on time (after the watermark), which {@code SeparateLateEvents} ensures upstream, so a
 * minute never receives events after it was folded. Minute boundaries are those of UTC (every zone's offset
 * is a whole number of minutes); hours and days follow the platform's wall clock, including days that are not
 * 24 h long.
 */
public final class RollUpLeaderMetrics extends AbstractStreamOperator<LeaderMetrics>
        implements OneInputStreamOperator<LeaderActivity, LeaderMetrics>, Triggerable<String, VoidNamespace> {
    public static final OutputTag<LeaderMetrics> HOURS = new OutputTag<>("leader-metrics-hour", JobTypes.of(LeaderMetrics.class));
    public static final OutputTag<LeaderMetrics> DAYS = new OutputTag<>("leader-metrics-day", JobTypes.of(LeaderMetrics.class));
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    /** The timers of hours and days; the name of a process function's timers, which savepoints before this operator hold. */
    private static final String TIMERS = "user-timers";

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
    private transient InternalTimerService<VoidNamespace> timers;
    /** minute start → the leaders with that minute open (derived from {@link #openMinutes}; not checkpointed) */
    private transient DueKeys<String> minutesToClose;

    public RollUpLeaderMetrics(ZoneId zone) {
        this.zoneId = requireNonNull(zone, "zone").getId();
    }

    @Override
    public void open() throws Exception {
        super.open();
        ZoneId zone = ZoneId.of(zoneId);
        minuteDay = new CalendarBucket(CalendarPeriod.DAY, zone);
        hour = new CalendarBucket(CalendarPeriod.HOUR, zone);
        day = new CalendarBucket(CalendarPeriod.DAY, zone);
        ValueStateDescriptor<OpenMinutes> minutes = new ValueStateDescriptor<>("minutes", JobTypes.of(OpenMinutes.class));
        openMinutes = getPartitionedState(minutes);
        openHoursAndDays = getPartitionedState(new ValueStateDescriptor<>("hours-and-days", JobTypes.of(OpenHoursAndDays.class)));
        timers = getInternalTimerService(TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        minutesToClose = new DueKeys<>();
        KeyedStateBackend<String> state = getKeyedStateBackend();
        state.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, minutes,
                (String leader, ValueState<OpenMinutes> restored) -> {
                    for (OpenPeriod minute : restored.value().minutes) {
                        toClose(minute.start, leader);
                    }
                });
    }

    @Override
    public void processElement(StreamRecord<LeaderActivity> record) throws Exception {
        LeaderActivity activity = record.getValue();
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
            toClose(minute, (String) getCurrentKey());
        }
        counts.counts.add(activity.event(), activity.firstOrder());
        openMinutes.update(open);
    }

    private void toClose(long minute, String leader) {
        minutesToClose.add(minute, leader);
    }

    /** Closes the minutes the watermark has passed, then lets hours and days end (their timers) and passes it on. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // a minute is over once the watermark reaches its last millisecond
        minutesToClose.takeDue(mark.getTimestamp() - (MINUTE - 1), (minute, leader) -> {
            setCurrentKey(leader);
            closeMinute(minute);
        });
        super.processWatermark(mark);
    }

    private void closeMinute(long minute) throws Exception {
        OpenMinutes open = openMinutes.value();
        OpenPeriod ended = open == null ? null : remove(open.minutes, minute);
        if (ended == null) {
            return;
        }
        if (open.minutes.isEmpty()) {
            openMinutes.clear();
        } else {
            openMinutes.update(open);
        }
        long last = minute + MINUTE - 1;
        output.collect(new StreamRecord<>(ended.counts.result(minuteDay.day(minute), minute, minute + MINUTE), last));
        OpenHoursAndDays longer = openHoursAndDays.value();
        if (longer == null) {
            longer = new OpenHoursAndDays();
        }
        fold(ended.counts, minute, hour, longer.hours);
        fold(ended.counts, minute, day, longer.days);
        openHoursAndDays.update(longer);
    }

    /** A timer is the last millisecond of an hour, a day or both (hour first, then day). */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long timestamp = timer.getTimestamp();
        boolean hourEnds = hour.end(timestamp) - 1 == timestamp;
        boolean dayEnds = day.end(timestamp) - 1 == timestamp;
        OpenHoursAndDays longer = hourEnds || dayEnds ? openHoursAndDays.value() : null;
        if (longer == null) {
            return; // (a minute's timer from a savepoint taken before minutes were indexed: its minute is in the index)
        }
        if (hourEnds) {
            emit(timestamp, hour, longer.hours, HOURS);
        }
        if (dayEnds) {
            emit(timestamp, day, longer.days, DAYS);
        }
        if (longer.hours.isEmpty() && longer.days.isEmpty()) {
            openHoursAndDays.clear();
        } else {
            openHoursAndDays.update(longer);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        throw new IllegalStateException("leader metrics set no processing-time timers");
    }

    /** Adds a minute's counts to its hour or day, opening it (and its timer) with the first minute. */
    private void fold(LeaderMetricsAccumulator minuteCounts, long minute, CalendarBucket bucket, List<OpenPeriod> open) {
        long start = bucket.start(minute);
        OpenPeriod counts = find(open, start);
        if (counts == null) {
            counts = new OpenPeriod(start);
            open.add(counts);
            // (a period whose end the watermark has passed already fires as the watermark moves on, right after)
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, bucket.end(minute) - 1);
        }
        counts.counts.merge(minuteCounts);
    }

    /** Emits the period of {@code bucket} that ends at {@code timestamp}, if the leader had any activity in it. */
    private void emit(long timestamp, CalendarBucket bucket, List<OpenPeriod> open, OutputTag<LeaderMetrics> tag) {
        long start = bucket.start(timestamp);
        OpenPeriod ended = remove(open, start);
        if (ended != null) {
            output.collect(tag, new StreamRecord<>(ended.counts.result(bucket.day(timestamp), start, bucket.end(timestamp)), timestamp));
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
