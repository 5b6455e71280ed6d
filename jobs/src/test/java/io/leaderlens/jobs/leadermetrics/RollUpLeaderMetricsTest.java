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
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RollUpLeaderMetricsTest {
    /** Berlin: the run crosses the night the clocks go forward, a 23-hour day. */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void minutesHoursAndDaysEqualAGroupingOfTheEventsAndNothingIsLeftBehind(Backend backend) throws Exception {
        List<PlatformEvent> events = events();
        Results results = new Results();
        try (var harness = harness(backend)) {
            harness.open();
            feed(harness, events, 0, events.size());
            finish(harness, results);
        }
        results.assertGroupingOf(events);
    }

    /** Open minutes are not in any timer: after a restore they must still be found (in the state) and closed. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void minutesOpenAtACheckpointAreClosedAfterARestore(Backend backend) throws Exception {
        List<PlatformEvent> events = events();
        Results results = new Results();
        int half = events.size() / 2;
        OperatorSubtaskState snapshot;
        try (var before = harness(backend)) {
            before.open();
            feed(before, events, 0, half);
            assertThat(Harnesses.keysHolding(before, "minutes")).as("minutes open at the checkpoint").isPositive();
            snapshot = before.snapshot(1, 1);
            results.collect(before);
        }
        try (var after = harness(backend)) {
            after.initializeState(snapshot);
            after.open();
            feed(after, events, half, events.size());
            finish(after, results);
        }
        results.assertGroupingOf(events);
    }

    private static List<PlatformEvent> events() {
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
        return events;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeaderActivity, LeaderMetrics> harness(Backend backend) throws Exception {
        return Harnesses.keyed(new RollUpLeaderMetrics(BERLIN), (LeaderActivity a) -> a.event().leaderId(), Types.STRING, backend);
    }

    /** Events {@code from} to {@code to}, every seventh a first order, with a watermark just behind every fiftieth. */
    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, LeaderActivity, LeaderMetrics> harness,
                             List<PlatformEvent> events, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            PlatformEvent e = events.get(i);
            harness.processElement(new StreamRecord<>(new LeaderActivity(e, i % 7 == 0), e.eventTime()));
            if (i % 50 == 0) {
                harness.processWatermark(e.eventTime() - 1); // on time: everything after the watermark
            }
        }
    }

    private static void finish(KeyedOneInputStreamOperatorTestHarness<String, LeaderActivity, LeaderMetrics> harness,
                               Results results) throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
        results.collect(harness);
        assertThat(Harnesses.keysHolding(harness, "minutes", "hours-and-days")).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private static final class Results {
        final List<LeaderMetrics> minutes = new ArrayList<>();
        final List<LeaderMetrics> hours = new ArrayList<>();
        final List<LeaderMetrics> days = new ArrayList<>();

        void collect(KeyedOneInputStreamOperatorTestHarness<String, LeaderActivity, LeaderMetrics> harness) {
            minutes.addAll(harness.extractOutputValues());
            harness.getSideOutput(RollUpLeaderMetrics.HOURS).forEach(r -> hours.add(r.getValue()));
            harness.getSideOutput(RollUpLeaderMetrics.DAYS).forEach(r -> days.add(r.getValue()));
        }

        void assertGroupingOf(List<PlatformEvent> events) {
            assertThat(byPeriod(minutes)).isEqualTo(expected(events, ChronoUnit.MINUTES));
            assertThat(byPeriod(hours)).isEqualTo(expected(events, ChronoUnit.HOURS));
            assertThat(byPeriod(days)).isEqualTo(expected(events, ChronoUnit.DAYS));
            assertThat(days).anySatisfy(d -> assertThat(d.periodEnd() - d.periodStart()).isEqualTo(23 * 3_600_000L));
        }
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
