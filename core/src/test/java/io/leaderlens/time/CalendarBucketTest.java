package io.leaderlens.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalendarBucketTest {
    @Test
    void agreesWithTheZonedCalculationInEveryDirectionAndAcrossDaylightSaving() {
        Random random = new Random(7);
        for (String zoneId : new String[] {"Asia/Shanghai", "Europe/Berlin", "Asia/Kathmandu", "America/St_Johns"}) {
            ZoneId zone = ZoneId.of(zoneId);
            for (CalendarPeriod period : CalendarPeriod.values()) {
                CalendarBucket bucket = new CalendarBucket(period, zone);
                long t = Instant.parse("2026-03-28T00:00:00Z").toEpochMilli();
                for (int i = 0; i < 20_000; i++) {
                    // mostly forward in small steps (a stream), sometimes back (out of order) or far ahead
                    t += random.nextInt(10) == 0 ? -random.nextInt(3_600_000) : random.nextInt(600_000);
                    assertThat(bucket.start(t)).as("%s %s start of %d", zoneId, period, t).isEqualTo(period.start(t, zone));
                    assertThat(bucket.end(t)).as("%s %s end of %d", zoneId, period, t).isEqualTo(period.end(t, zone));
                    assertThat(bucket.day(t)).isEqualTo(CalendarPeriod.localDate(period.start(t, zone), zone));
                }
            }
        }
    }

    @Test
    void minuteBoundariesAreThoseOfUtcInZonesWithOddOffsets() {
        // RollUpLeaderMetrics relies on it: a minute starts at a whole UTC minute whatever the zone
        long t = Instant.parse("2026-11-21T17:30:42.123Z").toEpochMilli();
        for (String zoneId : new String[] {"Asia/Kathmandu", "Asia/Kolkata", "Australia/Eucla"}) {
            assertThat(CalendarPeriod.MINUTE.start(t, ZoneId.of(zoneId))).isEqualTo(t - Math.floorMod(t, Duration.ofMinutes(1).toMillis()));
        }
    }
}
