package io.leaderlens.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Minute, hour and day buckets on the platform's wall clock (default Asia/Shanghai), so "today" and
 * "this hour" mean what ops in that time zone mean, including days that are not 24 h long.
 */
public enum CalendarPeriod {
    MINUTE(ChronoUnit.MINUTES),
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    CalendarPeriod(ChronoUnit unit) {
        this.unit = unit;
    }

    /** Epoch millis of the start of the period containing {@code epochMillis}. */
    public long start(long epochMillis, ZoneId zone) {
        ZonedDateTime local = Instant.ofEpochMilli(epochMillis).atZone(zone);
        ZonedDateTime start = unit == ChronoUnit.DAYS ? local.toLocalDate().atStartOfDay(zone) : local.truncatedTo(unit);
        return start.toInstant().toEpochMilli();
    }

    /** Epoch millis of the (exclusive) end of the period containing {@code epochMillis}. */
    public long end(long epochMillis, ZoneId zone) {
        ZonedDateTime start = Instant.ofEpochMilli(start(epochMillis, zone)).atZone(zone);
        ZonedDateTime end = unit == ChronoUnit.DAYS ? start.toLocalDate().plusDays(1).atStartOfDay(zone) : start.plus(1, unit);
        return end.toInstant().toEpochMilli();
    }

    public static LocalDate localDate(long epochMillis, ZoneId zone) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
    }
}
