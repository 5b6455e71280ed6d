package io.leaderlens.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CalendarPeriodTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void dayStartsAtLocalMidnight() {
        long t = Instant.parse("2026-11-21T17:30:00Z").toEpochMilli(); // 01:30 on the 22nd in Shanghai
        assertThat(CalendarPeriod.DAY.start(t, SHANGHAI)).isEqualTo(Instant.parse("2026-11-21T16:00:00Z").toEpochMilli());
        assertThat(CalendarPeriod.DAY.end(t, SHANGHAI)).isEqualTo(Instant.parse("2026-11-22T16:00:00Z").toEpochMilli());
        assertThat(CalendarPeriod.localDate(t, SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void minuteAndHourBuckets() {
        long t = Instant.parse("2026-11-21T17:30:42.123Z").toEpochMilli();
        assertThat(CalendarPeriod.MINUTE.start(t, SHANGHAI)).isEqualTo(Instant.parse("2026-11-21T17:30:00Z").toEpochMilli());
        assertThat(CalendarPeriod.HOUR.end(t, SHANGHAI)).isEqualTo(Instant.parse("2026-11-21T18:00:00Z").toEpochMilli());
    }

    @Test
    void aDaylightSavingDayIsTwentyThreeHoursLong() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        long t = Instant.parse("2026-03-29T10:00:00Z").toEpochMilli();
        assertThat(CalendarPeriod.DAY.end(t, berlin) - CalendarPeriod.DAY.start(t, berlin)).isEqualTo(23 * 3_600_000L);
    }
}
