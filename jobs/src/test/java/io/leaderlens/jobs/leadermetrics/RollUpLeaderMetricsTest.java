package io.leaderlens.jobs.leadermetrics;

import static io.leaderlens.jobs.testing.TestEvents.order;
import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.testing.Harnesses;
import io.leaderlens.jobs.testing.Harnesses.Backend;
import io.leaderlens.metrics.LeaderMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RollUpLeaderMetricsTest {
    /** Berlin: the run crosses the night the clocks go forward, a 23-hour day. */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void minutesHoursAndDaysEqualAGroupingOfTheEventsAndNothingIsLeftBehind(Backend backend) throws Exception {
        List<PlatformEvent> events = new ArrayList<>();
        Random random = new Random(3);
        long t = Instant.parse("2026-03-28T20:00:00Z").toEpochMilli();
        for (int i = 0; i < 3_000; i++) {
            t += random.nextInt(90_000); // about 2.6 days
            String leader = "L" + random.nextInt(3);
            String user = "u" + random.nextInt(40);
            events.add(random.nextInt(5) == 0
                    ? order("r" + i, OrderEventType.REFUNDED, leader, user, 1 + random.nextInt(500), t)
                    : paid("p" + i, leader, user, 1 + random.nextInt(5_000), t));
        }
        List<LeaderMetrics> minutes = new ArrayList<>();
        List<LeaderMetrics> hours = new ArrayList<>();
        List<LeaderMetrics> days = new ArrayList<>();
        try (var harness = Harnesses.keyed(new RollUpLeaderMetrics(BERLIN), (LeaderActivity a) -> a.event().leaderId(), Types.STRING, backend)) {
            harness.open();
            for (int i = 0; i < events.size(); i++) {
                PlatformEvent e = events.get(i);
                harness.processElement(new StreamRecord<>(new LeaderActivity(e, i % 7 == 0), e.eventTime()));
                if (i % 50 == 0) {
                    harness.processWatermark(e.eventTime() - 1); // on time: everything after the watermark
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            harness.extractOutputValues().forEach(minutes::add);
            harness.getSideOutput(RollUpLeaderMetrics.HOURS).forEach(r -> hours.add(r.getValue()));
            harness.getSideOutput(RollUpLeaderMetrics.DAYS).forEach(r -> days.add(r.getValue()));
            assertThat(Harnesses.keysHolding(harness, "minutes", "hours-and-days")).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
        assertThat(byPeriod(minutes)).isEqualTo(expected(events, ChronoUnit.MINUTES));
        assertThat(byPeriod(hours)).isEqualTo(expected(events, ChronoUnit.HOURS));
        assertThat(byPeriod(days)).isEqualTo(expected(events, ChronoUnit.DAYS));
        assertThat(days).anySatisfy(d -> assertThat(d.periodEnd() - d.periodStart()).isEqualTo(23 * 3_600_000L));
    }

    /** leader|start|end|day → gmv, refunds, orders, buyers, first orders */
    private static Map<String, List<Long>> byPeriod(List<LeaderMetrics> results) {
        Map<String, List<Long>> m = new TreeMap<>();
        for (LeaderMetrics r : results) {
            String key = r.leaderId() + "|" + r.periodStart() + "|" + r.periodEnd() + "|" + r.day();
            assertThat(m.put(key, List.of(r.grossGmvCents(), r.refundCents(), r.orders(), r.buyers(), r.firstOrders())))
                    .as("one result per leader and period").isNull();
        }
        return m;
    }

    /** The same, grouped with java.time's own truncation on local time. */
    private static Map<String, List<Long>> expected(List<PlatformEvent> events, ChronoUnit unit) {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Set<String>> buyers = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            PlatformEvent e = events.get(i);
            ZonedDateTime local = Instant.ofEpochMilli(e.eventTime()).atZone(BERLIN);
            ZonedDateTime start = unit == ChronoUnit.DAYS ? local.toLocalDate().atStartOfDay(BERLIN) : local.truncatedTo(unit);
            ZonedDateTime end = unit == ChronoUnit.DAYS ? local.toLocalDate().plusDays(1).atStartOfDay(BERLIN) : start.plus(1, unit);
            LocalDate day = LocalDateTime.ofInstant(start.toInstant(), BERLIN).toLocalDate();
            String key = e.leaderId() + "|" + start.toInstant().toEpochMilli() + "|" + end.toInstant().toEpochMilli() + "|" + day;
            long[] s = sums.computeIfAbsent(key, k -> new long[4]);
            Set<String> b = buyers.computeIfAbsent(key, k -> new HashSet<>());
            if (e.order().getType() == OrderEventType.PAID) {
                s[0] += e.order().getAmountCents();
                s[2]++;
                b.add(e.order().getUserId());
                if (i % 7 == 0) {
                    s[3]++;
                }
            } else {
                s[1] += e.order().getAmountCents();
            }
        }
        Map<String, List<Long>> m = new TreeMap<>();
        sums.forEach((k, s) -> m.put(k, List.of(s[0], s[1], s[2], (long) buyers.get(k).size(), s[3])));
        return m;
    }
}
