package io.leaderlens.time;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The {@link CalendarPeriod} containing a time, remembering the last one it computed: streams ask about the
 * same hour or day over and over, and a zoned calculation per event is a visible share of a busy job.
 * Not thread-safe: one per operator instance.
 */
public final class CalendarBucket {
    private final CalendarPeriod period;
    private final ZoneId zone;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private LocalDate day;

    public CalendarBucket(CalendarPeriod period, ZoneId zone) {
        this.period = requireNonNull(period, "period");
        this.zone = requireNonNull(zone, "zone");
    }

    /** Epoch millis of the start of the period containing {@code epochMillis}. */
    public long start(long epochMillis) {
        move(epochMillis);
        return start;
    }

    /** Epoch millis of the (exclusive) end of the period containing {@code epochMillis}. */
    public long end(long epochMillis) {
        move(epochMillis);
        return end;
    }

    /** The local date on which the period containing {@code epochMillis} starts. */
    public LocalDate day(long epochMillis) {
        move(epochMillis);
        return day;
    }

    private void move(long epochMillis) {
        if (epochMillis < start || epochMillis >= end) {
            start = period.start(epochMillis, zone);
            end = period.end(epochMillis, zone);
            day = CalendarPeriod.localDate(start, zone);
        }
    }
}
