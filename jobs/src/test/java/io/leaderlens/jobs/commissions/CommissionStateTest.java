package io.leaderlens.jobs.commissions;

import static io.leaderlens.jobs.testing.TestEvents.orderOn;
import static io.leaderlens.jobs.testing.TestEvents.referral;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.engine.BindingDecision;
import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.ledger.Bucket;
import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.jobs.testing.Harnesses;
import io.leaderlens.jobs.testing.Harnesses.Backend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The commission functions' keyed state on both state backends: what a leader's ledger holds while it matters,
 * and that every piece is gone (with its timers) once its end has passed. On RocksDB every piece is read
 * and written back through its serializer, so a change the ledger forgot to write back shows here.
 */
class CommissionStateTest {
    private static final long HOUR = FeatureTime.HOUR;
    private static final long DAY = FeatureTime.DAY;
    private static final long T0 = 100 * DAY;
    private static final String[] LEDGER_STATES = {"summary", "orders", "bound-members", "open-groups", "due", "standing", "rates",
        "waiting", "cleanup-timer"};

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLeadersLedgerCreditsThenForgetsOrderMemberAndGroupAndFinallyTheLeader(Backend backend) throws Exception {
        CommissionSettings settings = new CommissionSettings(new RateCalculator(RateCardParser.read(Path.of("../conf/rate-card.properties"))),
                Duration.ofDays(7), new BigDecimal("0.001"));
        try (var harness = Harnesses.keyed(new ApplyCommissions(settings, Long.MAX_VALUE), CommissionInput::leaderId, Types.STRING,
                backend)) {
            harness.open();
            send(harness, CommissionInput.of(new BindingDecision(BindingDecision.Kind.MEMBER, "L1", "m1", true, "bound", "b1", T0)));
            send(harness, CommissionInput.of(orderOn("e1", OrderEventType.PAID, "o1", "L1", "m1", 10_000, "d", "i", "p", "G1", T0 + HOUR)));
            send(harness, CommissionInput.of(orderOn("e2", OrderEventType.CONFIRMED, "o1", "L1", "m1", 10_000, "d", "i", "p", "G1",
                    T0 + 10 * HOUR)));
            harness.processWatermark(T0 + 10 * HOUR + 7 * DAY);

            Map<Bucket, Long> balances = new EnumMap<>(Bucket.class);
            harness.extractOutputValues().forEach(e -> balances.merge(e.bucket(), e.amountCents(), Long::sum));
            balances.values().removeIf(v -> v == 0);
            assertThat(balances).as("10% of 100.00, and the new member's bonus, credited at the window's end")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.CREDITED, 1_000L + 300L));
            assertThat(harness.extractOutputValues()).filteredOn(e -> e.bucket() == Bucket.CREDITED && e.amountCents() > 0)
                    .extracting(LedgerEntry::eventTime).containsOnly(T0 + 10 * HOUR + 7 * DAY);
            assertThat(Harnesses.keysHolding(harness, "open-groups")).as("a week after its order: forgotten").isZero();
            assertThat(Harnesses.keysHolding(harness, "orders", "bound-members")).as("the order and the binding").isEqualTo(2);

            // the order 30 days after its credit, the binding at the end of its window, the group a week after it was touched
            harness.processWatermark(T0 + 10 * HOUR + 7 * DAY + LeaderLedger.RETENTION_AFTER_CREDIT);
            assertThat(Harnesses.keysHolding(harness, "orders", "bound-members", "open-groups")).isZero();
            assertThat(Harnesses.keysHolding(harness, "summary", "rates")).as("the leader's own facts outlive its orders").isEqualTo(2);

            harness.processWatermark(T0 + 10 * HOUR + 2 * FeatureTime.LEADER_FACT_RETENTION);
            assertThat(Harnesses.keysHolding(harness, LEDGER_STATES)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMembersBindingIsDecidedOnItsOwnKeyAndItsLeaderAccountEnds(Backend backend) throws Exception {
        try (var harness = Harnesses.keyed(new DecideMemberBindings(), (PlatformEvent e) -> e.referral().getUserId(), Types.STRING,
                backend)) {
            harness.open();
            send(harness, referral("r2", ReferralEventType.SIGNED_UP, "L9", "u1", null, T0 + HOUR));
            send(harness, referral("r1", ReferralEventType.LEADER_APPROVED, "L9", "u1", null, T0));
            send(harness, referral("r3", ReferralEventType.SIGNED_UP, "L1", "u2", null, T0 + HOUR));
            harness.processWatermark(T0 + HOUR);
            assertThat(harness.extractOutputValues()).extracting(i -> i.binding().boundId() + ":" + i.binding().accepted())
                    .containsExactlyInAnyOrder("u1:false", "u2:true");
            harness.processWatermark(T0 + FeatureTime.LEADER_FACT_RETENTION);
            assertThat(Harnesses.keysHolding(harness, "leader-account", "waiting", "cleanup-timer")).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void uplineBindingsKeepTheGraphAndRefuseALoop(Backend backend) throws Exception {
        try (var harness = Harnesses.keyed(new DecideUplineBindings(), (PlatformEvent e) -> DecideUplineBindings.KEY, Types.STRING,
                backend)) {
            harness.open();
            send(harness, referral("r1", ReferralEventType.RECRUITED, "B", "ub", "A", T0));
            send(harness, referral("r2", ReferralEventType.RECRUITED, "A", "ua", "B", T0 + 1));
            harness.processWatermark(T0 + 1);
            assertThat(harness.extractOutputValues()).extracting(i -> i.binding().leaderId() + ":" + i.binding().accepted())
                    .containsExactly("B:true", "A:false");
            harness.processWatermark(T0 + FeatureTime.LEADER_FACT_RETENTION);
            assertThat(Harnesses.keysHolding(harness, "uplines", "waiting", "cleanup-timer")).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    private static <OUT> void send(org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<String, CommissionInput, OUT> h,
                                   CommissionInput input) throws Exception {
        h.processElement(new StreamRecord<>(input, input.time()));
    }

    private static <OUT> void send(org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<String, PlatformEvent, OUT> h,
                                   PlatformEvent event) throws Exception {
        h.processElement(new StreamRecord<>(event, event.eventTime()));
    }
}
