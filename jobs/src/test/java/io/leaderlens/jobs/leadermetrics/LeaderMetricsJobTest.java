package io.leaderlens.jobs.leadermetrics;

import io.leaderlens.jobs.testing.TestPseudonyms;
import static io.leaderlens.jobs.testing.TestEvents.group;
import static io.leaderlens.jobs.testing.TestEvents.order;
import static io.leaderlens.jobs.testing.TestEvents.paid;
import static io.leaderlens.jobs.testing.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.CampaignEvent;
import io.leaderlens.events.CampaignEventType;
import io.leaderlens.events.CampaignKind;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.LateEvent;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.testing.CollectingOutput;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderboardEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job on a MiniCluster with a bounded hand-made input; expected figures are worked out by hand. */
class LeaderMetricsJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 16);
    private static final long T0 = DAY.atTime(10, 0).atZone(SHANGHAI).toInstant().toEpochMilli();
    private static final long MIN = 60_000;

    @Test
    @Timeout(120)
    void countsLeaderMetricsAndLeaderboardsAndKeepsLateAndBadInput() throws Exception {
        PlatformEvent first = paid("e1", "L1", "u1", 1_000, T0);
        List<RawRecord> input = new ArrayList<>(List.of(
                raw("events.group-buy", 0, group("g-open", GroupBuyEventType.OPENED, "L1", T0 - 5_000).record()),
                raw("events.order", 0, first.record()),
                raw("events.order", 1, OrderEvent.newBuilder(paid("e5", "L3", "u4", 700, T0 + 5_000).order()).setCity("shanghai").build()),
                raw("events.order", 2, paid("e3", "L2", "u3", 5_000, T0 + 10_000).record()),
                raw("events.order", 3, first.record()), // a producer resend: counts once
                raw("events.order", 4, paid("e2", "L1", "u2", 2_550, T0 + 30_000).record()),
                raw("events.group-buy", 1, group("g-formed", GroupBuyEventType.FORMED, "L1", T0 + MIN).record()),
                raw("events.group-buy", 2, group("g-failed", GroupBuyEventType.FAILED, "L1", T0 + 2 * MIN).record()),
                raw("events.order", 5, "{broken".getBytes(StandardCharsets.UTF_8)),
                raw("events.order", 6, order("e4", OrderEventType.REFUNDED, "L1", "u2", 2_550, T0 + 40 * MIN).record()),
                raw("events.order", 7, paid("e6", "L2", "u9", 100, T0 + 120 * MIN).record()),
                // two hours behind the newest event, beyond the one-minute bound: late, not counted
                raw("events.order", 8, paid("e-late", "L2", "u8", 9_999, T0 + MIN).record())));

        CollectingOutput<LeaderMetrics> minute = new CollectingOutput<>();
        CollectingOutput<LeaderMetrics> daily = new CollectingOutput<>();
        CollectingOutput<LeaderboardEntry> hourlyBoard = new CollectingOutput<>();
        CollectingOutput<LeaderboardEntry> dailyBoard = new CollectingOutput<>();
        CollectingOutput<LeaderboardEntry> updates = new CollectingOutput<>();
        CollectingOutput<PlatformEvent> rawEvents = new CollectingOutput<>();
        CollectingOutput<DeadLetter> dead = new CollectingOutput<>();
        CollectingOutput<LateEvent> late = new CollectingOutput<>();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // watermarks are periodic: emit them often and feed records slowly, so each record sees the previous ones' watermark
        env.getConfig().setAutoWatermarkInterval(10);
        JobTypes.configure(env);
        new LeaderMetricsJob(boundedSource(input),
                new LeaderMetricsJob.Settings(SHANGHAI, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(1), 10,
                        TestPseudonyms.events()),
                new LeaderMetricsJob.Outputs(minute, daily, hourlyBoard, dailyBoard, updates, rawEvents, dead, late)).build(env);
        env.execute("leader-metrics-test");

        Map<String, LeaderMetrics> byLeader = daily.values().stream().collect(Collectors.toMap(LeaderMetrics::leaderId, m -> m));
        assertThat(byLeader).containsOnlyKeys("L1", "L2", "L3");
        LeaderMetrics l1 = byLeader.get("L1");
        assertThat(l1.day()).isEqualTo(DAY);
        assertThat(l1.grossGmvCents()).isEqualTo(1_000 + 2_550);
        assertThat(l1.refundCents()).isEqualTo(2_550);
        assertThat(l1.netGmvCents()).isEqualTo(1_000);
        assertThat(l1.orders()).isEqualTo(2);
        assertThat(l1.buyers()).isEqualTo(2);
        assertThat(l1.groupsOpened()).isEqualTo(1);
        assertThat(l1.formationRate()).isEqualTo(0.5);
        assertThat(byLeader.get("L2").netGmvCents()).isEqualTo(5_000 + 100);
        assertThat(byLeader.get("L3").netGmvCents()).isEqualTo(700);

        LeaderMetrics l1At10 = minute.values().stream()
                .filter(m -> m.leaderId().equals("L1") && m.periodStart() == T0).findFirst().orElseThrow();
        assertThat(l1At10.grossGmvCents()).isEqualTo(3_550);
        assertThat(l1At10.periodEnd() - l1At10.periodStart()).isEqualTo(MIN);

        assertThat(dailyBoard.values()).extracting(LeaderboardEntry::city, LeaderboardEntry::rank, LeaderboardEntry::leaderId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("hangzhou", 1, "L2"),
                        org.assertj.core.groups.Tuple.tuple("hangzhou", 2, "L1"),
                        org.assertj.core.groups.Tuple.tuple("shanghai", 1, "L3"));
        assertThat(updates.values()).hasSize(hourlyBoard.values().size() + dailyBoard.values().size());

        assertThat(late.values()).extracting(LateEvent::eventId).containsExactly("e-late");
        assertThat(dead.values()).extracting(DeadLetter::offset).containsExactly(5L);
        assertThat(rawEvents.values()).hasSize(10); // 12 records - 1 resend - 1 broken; late ones are landed raw too
    }

    /**
     * The campaign topic is read without event time of its own: a campaign source that stays open (a campaign a second,
     * all at the first one's event time) holds no window back — the days close once the other topics' input ends — and
     * its events are landed raw once each, its bad bytes as dead letters.
     */
    @Test
    @Timeout(120)
    void anOpenQuietCampaignTopicHoldsNoEventTimeBackAndIsLandedOnce() throws Exception {
        PlatformEvent started = PlatformEvent.of(CampaignEvent.newBuilder().setEventId("c1").setType(CampaignEventType.STARTED)
                .setCampaignId("flash-1").setKind(CampaignKind.FLASH_SALE).setCategory("snacks").setDiscountPercent(20).setStockUnits(40)
                .setStartsAt(T0).setEndsAt(T0 + 60 * MIN).setEventTime(T0).build());
        List<RawRecord> events = List.of(raw("events.order", 0, paid("e1", "L1", "u1", 1_000, T0).record()),
                raw("events.order", 1, paid("e2", "L1", "u2", 500, T0 + 3 * 60 * MIN).record()));
        RawRecord broken = raw("events.campaign", 1, "{broken".getBytes(StandardCharsets.UTF_8));
        // index 0: the campaign c1, 1: bad bytes, then another campaign a second, for longer than the test waits
        CampaignEvent first = started.campaign();
        GeneratorFunction<Long, RawRecord> campaignTopic = i -> i == 1 ? broken : raw("events.campaign", i,
                CampaignEvent.newBuilder(first).setEventId("c" + (i + 1)).setCampaignId("flash-" + (i + 1)).build());
        DataGeneratorSource<RawRecord> campaigns = new DataGeneratorSource<>(campaignTopic, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1),
                TypeInformation.of(RawRecord.class));

        CollectingOutput<LeaderMetrics> daily = new CollectingOutput<>();
        CollectingOutput<PlatformEvent> rawEvents = new CollectingOutput<>();
        CollectingOutput<DeadLetter> dead = new CollectingOutput<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobTypes.configure(env);
        new LeaderMetricsJob(boundedSource(events), campaigns,
                new LeaderMetricsJob.Settings(SHANGHAI, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1), 10, TestPseudonyms.events()),
                new LeaderMetricsJob.Outputs(new CollectingOutput<>(), daily, new CollectingOutput<>(), new CollectingOutput<>(),
                        new CollectingOutput<>(), rawEvents, dead, new CollectingOutput<>())).build(env);
        JobClient job = env.executeAsync("leader-metrics-open-campaigns");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (daily.values().isEmpty() || dead.values().isEmpty()) {
                assertThat(System.nanoTime()).as("the day closes while the campaign topic stays open").isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(2_000); // a few more resends of the campaign
        } finally {
            job.cancel().get();
        }
        assertThat(daily.values()).singleElement().satisfies(m -> assertThat(m.netGmvCents()).isEqualTo(1_500));
        List<String> landed = rawEvents.values().stream().map(PlatformEvent::eventId).toList();
        assertThat(landed).contains("e1", "e2", "c1").doesNotHaveDuplicates();
        assertThat(dead.values()).extracting(DeadLetter::source).containsExactly("events.campaign");
    }

    private static DataGeneratorSource<RawRecord> boundedSource(List<RawRecord> records) {
        List<RawRecord> copy = List.copyOf(records);
        GeneratorFunction<Long, RawRecord> byIndex = index -> copy.get(index.intValue());
        return new DataGeneratorSource<>(byIndex, copy.size(), RateLimiterStrategy.perSecond(10), TypeInformation.of(RawRecord.class));
    }
}
