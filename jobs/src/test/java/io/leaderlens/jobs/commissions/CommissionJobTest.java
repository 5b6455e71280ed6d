package io.leaderlens.jobs.commissions;

import io.leaderlens.jobs.testing.TestPseudonyms;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ledger.Bucket;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.testing.CollectingOutput;
import io.leaderlens.jobs.testing.TestEvents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commission job on a MiniCluster over a hand-made week of one leader, with the shipped rate card:
 * snacks earn 10% (bronze ×1.00, no performance or risk factor yet), the upline 10% of that; an open alert
 * halves the rate and holds what is not credited; the review releases it.
 */
class CommissionJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final long T0 = Instant.parse("2026-11-15T16:00:00Z").toEpochMilli(); // 2026-11-16 00:00 in Shanghai
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private int offset;

    @Test
    @Timeout(120)
    void ratesLedgerHoldsAndReleaseForOneLeader() throws Exception {
        List<RawRecord> events = new ArrayList<>();
        events.add(raw(ReferralEvent.newBuilder().setEventId("e1").setType(ReferralEventType.RECRUITED).setLeaderId("L1").setCity("c")
                .setUserId("u-L1").setUplineLeaderId("U").setEventTime(T0).build()));
        events.add(raw(order("e2", OrderEventType.PAID, "o2", "m1", "snacks", 10_000, T0 + HOUR)));
        // U bound under L1 would close a loop (L1 is under U): refused, so U's sale pays L1 no second tier
        events.add(raw(ReferralEvent.newBuilder().setEventId("e20").setType(ReferralEventType.RECRUITED).setLeaderId("U").setCity("c")
                .setUserId("u-U").setUplineLeaderId("L1").setEventTime(T0 + HOUR).build()));
        events.add(raw(OrderEvent.newBuilder(order("e21", OrderEventType.PAID, "o21", "mU", "snacks", 10_000, T0 + 2 * HOUR))
                .setLeaderId("U").build()));
        events.add(raw(order("e4", OrderEventType.PAID, "o4", "m2", "snacks", 2_000, T0 + 2 * HOUR)));
        events.add(raw(order("e5", OrderEventType.REFUNDED, "o4", "m2", "snacks", 2_000, T0 + 3 * HOUR)));
        events.add(raw(order("e3", OrderEventType.CONFIRMED, "o2", "m1", "snacks", 10_000, T0 + 10 * HOUR)));
        events.add(raw(order("e6", OrderEventType.PAID, "o6", "m3", "snacks", 4_000, T0 + 21 * HOUR)));
        // picked up after the review: two more windows that end at different times before asOf
        events.add(raw(order("e10", OrderEventType.PAID, "o10", "m6", "snacks", 1_000, T0 + 9 * DAY + 10 * 60_000L)));
        events.add(raw(order("e11", OrderEventType.PAID, "o11", "m7", "snacks", 2_000, T0 + 9 * DAY + 11 * 60_000L)));
        events.add(raw(order("e12", OrderEventType.CONFIRMED, "o10", "m6", "snacks", 1_000, T0 + 9 * DAY + 20 * 60_000L)));
        events.add(raw(order("e13", OrderEventType.CONFIRMED, "o11", "m7", "snacks", 2_000, T0 + 9 * DAY + 30 * 60_000L)));
        events.add(raw(order("e8", OrderEventType.PAID, "o8", "m5", "jewellery", 4_000, T0 + 22 * HOUR)));
        events.add(raw(order("e7", OrderEventType.PAID, "o7", "m4", "snacks", 4_000, T0 + 9 * DAY + HOUR)));
        events.add(raw(order("e9", OrderEventType.CONFIRMED, "o7", "m4", "snacks", 4_000, T0 + 9 * DAY + 90 * 60_000L)));
        List<RawRecord> alerts = List.of(
                TestEvents.alert(0, "L1@h20", "L1", "HOLD_COMMISSION", 0.97, "12 accounts on one device", T0 + 20 * HOUR),
                TestEvents.json("fraud-alerts", 1, "{\"alert_id\":\"L1@h21\",\"leader_id\":\"L1\"}"), // no action, no time
                TestEvents.json("fraud-alerts", 2, "not json at all"));
        List<RawRecord> verdicts = List.of(
                TestEvents.verdict(0, "L1@h20", "L1", "RELEASE", "analyst-3", "genuine community event", T0 + 9 * DAY),
                TestEvents.verdict(1, "L1@h20", "L1", "FORGIVE", "analyst-4", "", T0 + 9 * DAY + HOUR));

        CollectingOutput<LedgerEntry> ledger = new CollectingOutput<>();
        CollectingOutput<PublishedRate> rates = new CollectingOutput<>();
        CollectingOutput<DeadLetter> undecodable = new CollectingOutput<>();
        CollectingOutput<DeadLetter> refused = new CollectingOutput<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobTypes.configure(env);
        CommissionSettings commissions = new CommissionSettings(new RateCalculator(RateCardParser.read(Path.of("../conf/rate-card.properties"))),
                Duration.ofDays(7), new BigDecimal("0.001"));
        new CommissionJob(source(events, RawRecord.class), source(alerts, RawRecord.class), source(verdicts, RawRecord.class),
                new CommissionJob.Settings(commissions, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofDays(2),
                        T0 + 16 * DAY + HOUR, TestPseudonyms.events()),
                new CommissionJob.Outputs(ledger, rates, undecodable, refused)).build(env);
        env.execute("commission-test");

        // L1: o2 10.00 credited (frozen at pickup, held by the alert, released after its window) ; o4 2.00 clawed back;
        // o6 earned at the halved rate while held, pending again after release (never picked up); o10 and o11 picked up
        // after the review, their windows end after the last event but before asOf: credited when the input ends; o7's
        // window ends after asOf: frozen
        assertThat(balances(ledger.values(), "L1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                Bucket.CREDITED, 1_000L + 100L + 200L, Bucket.CLAWED_BACK, 200L, Bucket.PENDING, 200L, Bucket.FROZEN, 400L));
        assertThat(balances(ledger.values(), "U")).containsExactlyInAnyOrderEntriesOf(Map.of(
                Bucket.CREDITED, 100L + 10L + 20L, Bucket.CLAWED_BACK, 20L, Bucket.PENDING, 20L + 1_000L, Bucket.FROZEN, 40L));
        assertThat(ledger.values()).filteredOn(e -> e.sourceId().equals("o21")).extracting(LedgerEntry::beneficiary).containsOnly("U");
        assertThat(ledger.values()).filteredOn(e -> e.sourceId().equals("o6") && e.kind().name().equals("TIER1")).first()
                .satisfies(e -> assertThat(e.rate()).isEqualByComparingTo("0.05"));

        List<PublishedRate> snacks = rates.values().stream()
                .filter(r -> r.rate().leaderId().equals("L1") && r.rate().category().equals("snacks")).toList();
        assertThat(snacks).extracting(r -> r.rate().rate().toPlainString()).containsExactly("0.100000", "0.050000", "0.100000");
        assertThat(snacks).extracting(PublishedRate::validFrom).containsExactly(T0, T0 + 20 * HOUR, T0 + 9 * DAY);
        assertThat(snacks.get(1).rate().reasonCodes()).contains("OPEN_FRAUD_ALERT");

        assertThat(undecodable.values()).isEmpty();
        // refused: the jewellery order (no base rate), and the unreadable alerts and verdict, each with its reason
        Map<String, String> reasons = new java.util.TreeMap<>();
        refused.values().forEach(d -> reasons.put(d.source() + "@" + d.offset(), d.reason()));
        assertThat(reasons).hasSize(4);
        assertThat(refused.values()).filteredOn(d -> d.source().equals("commissions")).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("e8").contains("jewellery"));
        assertThat(reasons).containsEntry("fraud-alerts@1", "unreadable alert: missing action")
                .containsEntry("alert-resolutions@1", "unreadable verdict: outcome 'FORGIVE' is not RELEASE or REVERSE");
        assertThat(reasons.get("fraud-alerts@2")).startsWith("unreadable alert: ");
    }

    private static Map<Bucket, Long> balances(List<LedgerEntry> entries, String leader) {
        Map<Bucket, Long> b = new EnumMap<>(Bucket.class);
        entries.stream().filter(e -> e.beneficiary().equals(leader)).forEach(e -> b.merge(e.bucket(), e.amountCents(), Long::sum));
        b.values().removeIf(v -> v == 0);
        return b;
    }

    private static OrderEvent order(String eventId, OrderEventType type, String order, String member, String category, long cents, long t) {
        return OrderEvent.newBuilder().setEventId(eventId).setOrderId(order).setType(type).setUserId(member).setLeaderId("L1")
                .setCity("c").setProductId("p").setCategory(category).setQuantity(1).setAmountCents(cents).setCurrency("CNY")
                .setPickupPointId("pp").setDeviceId("d-" + member).setIp("10.0.0.1").setPaymentAccount("pa-" + member).setEventTime(t).build();
    }

    private RawRecord raw(SpecificRecord event) {
        return TestEvents.raw("events", offset++, event);
    }

    private static <T> DataGeneratorSource<T> source(List<T> items, Class<T> type) {
        List<T> copy = List.copyOf(items);
        GeneratorFunction<Long, T> byIndex = i -> copy.get(i.intValue());
        return new DataGeneratorSource<>(byIndex, copy.size(), TypeInformation.of(type));
    }
}
