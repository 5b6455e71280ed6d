package io.leaderlens.jobs.fraudscoring.features;

import static io.leaderlens.jobs.testing.TestEvents.groupOf;
import static io.leaderlens.jobs.testing.TestEvents.orderOn;
import static io.leaderlens.jobs.testing.TestEvents.referral;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FeatureSource;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.features.GroupBuyInput;
import io.leaderlens.features.IdentifierKind;
import io.leaderlens.features.MemberHistory;
import io.leaderlens.features.PickupHistory;
import io.leaderlens.features.PickupInput;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.testing.Harnesses;
import io.leaderlens.jobs.testing.Harnesses.Backend;
import io.leaderlens.rules.ReferralRules;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each keyed stage of the fraud features on its own: what it computes from inputs that arrive out of order,
 * and that its state and timers are gone once the watermark has passed the end of what it keeps.
 */
class FeatureStagesTest {
    private static final long HOUR = FeatureTime.HOUR;
    private static final long DAY = FeatureTime.DAY;
    private static final long T0 = 100 * DAY;

    @Test
    void identifierCountsTheAccountsOnItPerWindowInEventTimeOrderAndForgetsThemAfterTheLongestWindow() throws Exception {
        try (var harness = Harnesses.keyed(new IdentifierStage(IdentifierKind.DEVICE), (PlatformEvent e) -> IdentifierStage.keyOf(e, IdentifierKind.DEVICE),
                Types.STRING)) {
            harness.open();
            // u3 signed up on the device, brought by u1 (老带新), whose order step there comes later but is older
            send(harness, PlatformEvent.of(ReferralEvent.newBuilder(referral("e0", ReferralEventType.SIGNED_UP, "L1", "u3", null, T0 + HOUR)
                    .referral()).setDeviceId("dev").setReferredByUserId("u1").build()));
            // the payment arrives before the older order step on the same device: it must still count it
            // ... and it redeemed a new-user coupon: the device's coupon orders count it (the placements are no payments)
            send(harness, PlatformEvent.of(OrderEvent.newBuilder(
                            orderOn("e3", OrderEventType.PAID, "o3", "L1", "u3", 500, "dev", "ip", "pa3", null, T0 + 2 * HOUR).order())
                    .setListAmountCents(1_000L).setDiscounts(List.of(Discount.newBuilder().setKind(DiscountKind.NEW_USER_FIRST_ORDER)
                            .setAmountCents(500).setCampaignId("new-user").setCouponId("cp1").build())).build()));
            send(harness, orderOn("e1", OrderEventType.PLACED, "o1", "L1", "u1", 500, "dev", "ip", "pa1", null, T0));
            send(harness, orderOn("e2", OrderEventType.PLACED, "o2", "L1", "u2", 500, "dev", "ip", "pa2", null, T0 + 90 * 60_000L));
            harness.processWatermark(T0 + 2 * HOUR);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(part -> {
                assertThat(part.source()).isEqualTo(FeatureSource.DEVICE);
                // accounts — 1 h: u2 and u3; 1 d and 7 d: all three — then coupon orders per window: o3 — then u3's referral
                // pairs over 7 d: u1, who brought it
                assertThat(part.values()).containsExactly(2, 3, 3, 1, 1, 1, 1);
            });
            harness.processWatermark(T0 + 2 * HOUR + 7 * DAY);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    @Test
    void memberPartsCarryAgeAndCountsAndAOwnAccountSignupIsRefusedAndMarksItsLeader() throws Exception {
        try (var harness = Harnesses.keyed(new MemberStage(), MemberHistory::keyOf, Types.STRING)) {
            harness.open();
            send(harness, referral("r1", ReferralEventType.SCANNED, "L1", "u1", null, T0));
            send(harness, referral("r2", ReferralEventType.SIGNED_UP, "L1", "u1", null, T0 + 30_000));
            send(harness, orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 990, "d", "i", "p", null, T0 + HOUR + 30_000));
            send(harness, referral("r3", ReferralEventType.LEADER_APPROVED, "L9", "u1", null, T0 + 2 * HOUR));
            send(harness, referral("r4", ReferralEventType.SIGNED_UP, "L9", "u1", null, T0 + 3 * HOUR));
            harness.processWatermark(T0 + 3 * HOUR);

            FeaturePart part = harness.extractOutputValues().get(0);
            double[] v = part.values();
            assertThat(v[0]).as("account age in hours").isEqualTo(1.0);
            assertThat(v[1]).as("paid orders").isEqualTo(1);
            assertThat(v[7]).as("scan to signup, seconds").isEqualTo(30);
            assertThat(v[8]).as("signup to first order, seconds").isEqualTo(3600);
            assertThat(v[MemberHistory.YOUNG]).isEqualTo(1);
            assertThat(v[MemberHistory.FIRST_PAYMENT]).isEqualTo(1);
            assertThat(harness.getSideOutput(MemberStage.PICKUPS)).extracting(r -> r.getValue().pickupPointId()).containsExactly("pp-L1");
            assertThat(harness.getSideOutput(MemberStage.VIOLATIONS)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().violation().rule()).isEqualTo(ReferralRules.SELF_REFERRAL));
            assertThat(harness.getSideOutput(MemberStage.RINGS)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().leaderId()).isEqualTo("L9"));

            harness.processWatermark(T0 + 3 * HOUR + FeatureTime.IDLE_RETENTION);
            assertThat(harness.numKeyedStateEntries()).as("the leader account outlives the member's history").isEqualTo(1);
            harness.processWatermark(T0 + 2 * HOUR + FeatureTime.LEADER_FACT_RETENTION);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    @Test
    void categoryComparesAPaymentWithTheMeanBeforeItAndStartsOverWhenIdle() throws Exception {
        try (var harness = Harnesses.keyed(new CategoryStage(), (PlatformEvent e) -> e.order().getCategory(), Types.STRING)) {
            harness.open();
            send(harness, orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_000, "d", "i", "p", null, T0));
            send(harness, orderOn("e2", OrderEventType.PAID, "o2", "L1", "u2", 3_000, "d", "i", "p", null, T0 + 1));
            send(harness, orderOn("e3", OrderEventType.PAID, "o3", "L1", "u3", 4_000, "d", "i", "p", null, T0 + 2));
            harness.processWatermark(T0 + 2);
            assertThat(harness.extractOutputValues()).extracting(p -> p.values()[0]).containsExactly(1.0, 3.0, 2.0);
            harness.processWatermark(T0 + 2 + FeatureTime.IDLE_RETENTION);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    @Test
    void pickupPointRatesRefundOnlyClaimsOverItsWeekAndOverItsSettledOrders() throws Exception {
        try (var harness = Harnesses.keyed(new PickupPointStage(), PickupInput::pickupPointId, Types.STRING)) {
            harness.open();
            send(harness, new PickupInput("pp", "L1", "e1", T0, false, false, T0), T0);
            send(harness, new PickupInput("pp", "L1", "e2", T0 + HOUR, false, false, T0 + HOUR), T0 + HOUR);
            send(harness, new PickupInput("pp", "L1", "e3", T0 + DAY, true, true, T0), T0 + DAY);
            send(harness, new PickupInput("pp", "L1", "e4", T0 + 8 * DAY, true, true, T0 + HOUR), T0 + 8 * DAY);
            send(harness, new PickupInput("pp", "L1", "e5", T0 + 9 * DAY, false, false, T0 + 9 * DAY), T0 + 9 * DAY);
            harness.processWatermark(T0 + 9 * DAY);
            List<double[]> values = harness.extractOutputValues().stream().map(FeaturePart::values).toList();
            // the last claim: both payments have left the week, so there is nothing to rate it against; the payment
            // after it is the week's one payment, beside the week's one claim
            assertThat(values).extracting(v -> v[0]).containsExactly(0.0, 0.0, 0.5, 0.0, 1.0);
            // settled = paid in an hour that ended a week ago. Until T0 + 7 d + 1 h nothing is; at T0 + 8 d both payments
            // (hours T0 and T0 + 1 h) are, within the last day of settled hours, and both were claimed; at T0 + 9 d they
            // have left that day (no settled orders: share 0) but not the 7 or 30 days
            assertThat(values.get(2)).containsExactly(0.5, 0, 0, 0);
            assertThat(values.get(3)).containsExactly(0.0, 1, 1, 1);
            assertThat(values.get(4)).containsExactly(1.0, 0, 1, 1);
            harness.processWatermark(T0 + 15 * DAY);
            assertThat(harness.numKeyedStateEntries()).as("the settled view holds the payments 7 + 30 days").isPositive();
            // the last payment's hour leaves the 30 settled days 7 d + 30 d + 1 h after it began
            harness.processWatermark(T0 + 9 * DAY + PickupHistory.SETTLE_DELAY + 30 * DAY + HOUR - 1);
            assertThat(harness.numKeyedStateEntries()).isPositive();
            harness.processWatermark(T0 + 9 * DAY + PickupHistory.SETTLE_DELAY + 30 * DAY + HOUR);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    @Test
    void groupBuyCountsFreshJoinersUntilADayAfterItClosed() throws Exception {
        try (var harness = Harnesses.keyed(new GroupBuyStage(), GroupBuyInput::groupBuyId, Types.STRING)) {
            harness.open();
            send(harness, GroupBuyInput.direct(groupOf("g1", GroupBuyEventType.OPENED, "G", "L1", "u0", T0 + 2 * HOUR, T0)), T0);
            send(harness, new GroupBuyInput("G", "L1", "j1", T0 + 5_000, GroupBuyInput.Kind.JOINED, true, 0), T0 + 5_000);
            send(harness, new GroupBuyInput("G", "L1", "j2", T0 + 9_000, GroupBuyInput.Kind.JOINED, false, 0), T0 + 9_000);
            // at the same millisecond inputs apply in event-id order: this payment comes before join j2
            send(harness, GroupBuyInput.direct(orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 100, "d", "i", "p", "G", T0 + 9_000)),
                    T0 + 9_000);
            send(harness, GroupBuyInput.direct(orderOn("e0", OrderEventType.PAID, "o0", "L1", "u0", 100, "d", "i", "p", "G", T0 + 9_500)),
                    T0 + 9_500);
            send(harness, GroupBuyInput.direct(groupOf("g2", GroupBuyEventType.FORMED, "G", "L1", null, T0 + 2 * HOUR, T0 + 10_000)),
                    T0 + 10_000);
            send(harness, GroupBuyInput.direct(orderOn("e2", OrderEventType.REFUNDED, "o1", "L1", "u1", 100, "d", "i", "p", "G",
                    T0 + 10_000 + DAY)), T0 + 10_000 + DAY);
            harness.processWatermark(T0 + 10_000 + DAY);
            assertThat(harness.extractOutputValues()).extracting(FeaturePart::values)
                    .containsExactly(new double[] {1, 5}, new double[] {1, 9}, new double[] {0, -1}); // a day after it formed: forgotten
            harness.processWatermark(T0 + 2 * HOUR + DAY); // the cleanup timer armed for the deadline's day
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    @Test
    void leaderAssemblesTheRowFromItsPartsDefaultsMissingOnesAndCarriesTheRingFlag() throws Exception {
        try (var harness = Harnesses.keyed(new LeaderStage(), LeaderInput::leaderId, Types.STRING)) {
            harness.open();
            PlatformEvent paid = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_250, "d1", "i1", "p1", null, T0 + HOUR);
            double[] member = new double[FeatureSource.MEMBER.width() + 2];
            member[0] = 2.0;
            member[MemberHistory.FIRST_PAYMENT] = 1;
            send(harness, LeaderInput.ring("L1", "r0", T0), T0);
            send(harness, LeaderInput.of(paid, "L1"), paid.eventTime());
            send(harness, LeaderInput.of(new FeaturePart("L1", "e1", T0 + HOUR, FeatureSource.MEMBER, member)), T0 + HOUR);
            send(harness, LeaderInput.of(new FeaturePart("L1", "e1", T0 + HOUR, FeatureSource.DEVICE, new double[] {1, 4, 6, 0, 1, 1, 1})),
                    T0 + HOUR);
            harness.processWatermark(T0 + HOUR);

            List<FeatureRow> rows = harness.extractOutputValues().stream().map(FraudSignal::row).toList();
            assertThat(rows).extracting(FeatureRow::subject).containsExactly(FeatureRow.ORDER, FeatureRow.MEMBER);
            double[] v = rows.get(0).values();
            assertThat(v[FraudFeatures.index("amount_yuan")]).isEqualTo(12.5);
            assertThat(v[FraudFeatures.index("account_age_hours")]).isEqualTo(2.0);
            assertThat(v[FraudFeatures.index("device_accounts_1d")]).isEqualTo(4);
            assertThat(v[FraudFeatures.index("device_coupon_orders_7d")]).as("the device part's coupon counts").isEqualTo(1);
            assertThat(v[FraudFeatures.index("device_referral_pairs_7d")]).as("and its referral pairs").isEqualTo(1);
            assertThat(v[FraudFeatures.index("ip_referral_pairs_1d")]).as("no IP part: its default").isZero();
            assertThat(v[FraudFeatures.index("order_subsidy_share")]).as("no price breakdown: unsubsidised").isZero();
            assertThat(rows).extracting(FeatureRow::subsidyCents).containsOnly(0L);
            assertThat(v[FraudFeatures.index("leader_shared_device_share_1d")]).as("4 accounts on the device today").isEqualTo(1);
            assertThat(v[FraudFeatures.index("leader_in_referral_ring")]).isEqualTo(1);
            assertThat(v[FraudFeatures.index("group_fill_seconds")]).as("no group part: its default").isEqualTo(-1);
            assertThat(v[FraudFeatures.index("amount_to_category_mean")]).as("no category part: its default").isEqualTo(1.0);

            harness.processWatermark(T0 + HOUR + FeatureTime.IDLE_RETENTION);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    /** A key's end is not a Flink timer but an index rebuilt from the state: a restored history still ends. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHistoryRestoredFromACheckpointStillEnds(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = Harnesses.keyed(new IdentifierStage(IdentifierKind.DEVICE), (PlatformEvent e) -> e.order().getDeviceId(),
                Types.STRING, backend)) {
            harness.open();
            send(harness, orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 500, "dev", "ip", "pa1", null, T0));
            send(harness, orderOn("e2", OrderEventType.PAID, "o2", "L1", "u2", 500, "dev2", "ip", "pa2", null, T0 + HOUR));
            harness.processWatermark(T0 + HOUR);
            assertThat(Harnesses.expiringKeys(harness)).as("each device's end").isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).as("not a timer").isZero();
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = Harnesses.keyed(new IdentifierStage(IdentifierKind.DEVICE), (PlatformEvent e) -> e.order().getDeviceId(),
                Types.STRING, backend)) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(Harnesses.expiringKeys(restored)).as("indexed again from the state").isEqualTo(2);
            restored.processWatermark(T0 + 2 * HOUR);
            assertThat(Harnesses.keysHolding(restored, "keyed")).isEqualTo(2);
            restored.processWatermark(T0 + 2 * HOUR + 7 * DAY);
            assertThat(Harnesses.keysHolding(restored, "keyed")).isZero();
            assertThat(Harnesses.expiringKeys(restored)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void inputsWaitingAtACheckpointGoThroughAfterARestoreWithTheirEventTimeAsTimestamp(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = Harnesses.keyed(new IdentifierStage(IdentifierKind.DEVICE), (PlatformEvent e) -> e.order().getDeviceId(),
                Types.STRING, backend)) {
            harness.open();
            send(harness, orderOn("e3", OrderEventType.PAID, "o3", "L1", "u3", 500, "dev", "ip", "pa3", null, T0 + 2 * HOUR));
            send(harness, orderOn("e1", OrderEventType.PLACED, "o1", "L1", "u1", 500, "dev", "ip", "pa1", null, T0));
            send(harness, orderOn("e2", OrderEventType.PLACED, "o2", "L1", "u2", 500, "dev", "ip", "pa2", null, T0 + 90 * 60_000L));
            send(harness, orderOn("e4", OrderEventType.PAID, "o4", "L2", "u4", 700, "dev2", "ip", "pa4", null, T0 + HOUR));
            harness.processWatermark(T0 - 1);
            assertThat(harness.extractOutputValues()).isEmpty();
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = Harnesses.keyed(new IdentifierStage(IdentifierKind.DEVICE), (PlatformEvent e) -> e.order().getDeviceId(),
                Types.STRING, backend)) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(Harnesses.waitingKeys(restored)).as("both devices indexed again from the state").isEqualTo(2);
            restored.processWatermark(T0 + 2 * HOUR);
            assertThat(restored.extractOutputStreamRecords()).extracting(r -> ((StreamRecord<?>) r).getTimestamp())
                    .containsExactlyInAnyOrder(T0 + HOUR, T0 + 2 * HOUR);
            assertThat(restored.extractOutputValues()).extracting(part -> Arrays.toString(part.values()))
                    .containsExactlyInAnyOrder("[1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]", "[2.0, 3.0, 3.0, 0.0, 0.0, 0.0, 0.0]");
            restored.processWatermark(T0 + 2 * HOUR + 7 * DAY);
            assertThat(Harnesses.keysHolding(restored, "keyed")).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(restored)).isZero();
            assertThat(Harnesses.expiringKeys(restored)).isZero();
        }
    }

    @Test
    void recruitmentGraphRefusesTheBindingThatClosesALoopAndMarksEveryLeaderOnIt() throws Exception {
        try (var harness = Harnesses.keyed(new RecruitmentGraphStage(), (PlatformEvent e) -> RecruitmentGraphStage.KEY, Types.STRING)) {
            harness.open();
            send(harness, referral("r2", ReferralEventType.RECRUITED, "C", "uc", "B", T0 + 2));
            send(harness, referral("r1", ReferralEventType.RECRUITED, "B", "ub", "A", T0 + 1));
            send(harness, referral("r3", ReferralEventType.RECRUITED, "A", "ua", "C", T0 + 3));
            harness.processWatermark(T0 + 3);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(s -> {
                assertThat(s.violation().rule()).isEqualTo(ReferralRules.REFERRAL_LOOP);
                assertThat(s.violation().path()).containsExactly("A", "C", "B", "A");
            });
            assertThat(harness.getSideOutput(RecruitmentGraphStage.RINGS)).extracting(r -> r.getValue().leaderId())
                    .containsExactly("A", "C", "B", "A");
            harness.processWatermark(T0 + 2 + FeatureTime.LEADER_FACT_RETENTION);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(Harnesses.waitingKeys(harness)).isZero();
            assertThat(Harnesses.expiringKeys(harness)).isZero();
        }
    }

    private static <K, OUT> void send(KeyedOneInputStreamOperatorTestHarness<K, PlatformEvent, OUT> harness, PlatformEvent event)
            throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime()));
    }

    private static <K, IN, OUT> void send(KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> harness, IN input, long time)
            throws Exception {
        harness.processElement(new StreamRecord<>(input, time));
    }
}
