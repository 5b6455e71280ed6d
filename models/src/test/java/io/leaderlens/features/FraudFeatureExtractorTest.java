package io.leaderlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.rules.ReferralRules;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The group-buy, funnel, leader and referral-ring features on small hand-made histories. */
class FraudFeatureExtractorTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private final FraudFeatureExtractor extractor = new FraudFeatureExtractor();
    private int ids;

    @Test
    void groupFilledBySecondsOldAccountsShowsInTheOrderThatCompletesIt() {
        feed(referral(ReferralEventType.SCANNED, "L1", "u1", null, 0));
        feed(referral(ReferralEventType.SIGNED_UP, "L1", "u1", null, 90_000));            // scan → signup: 90 s
        feed(referral(ReferralEventType.SIGNED_UP, "L1", "u2", null, 2 * DAY));           // u2 is old by the group
        feed(referral(ReferralEventType.SIGNED_UP, "L1", "u3", null, 4 * DAY));
        feed(group(GroupBuyEventType.OPENED, "g1", null, 4 * DAY + MINUTE));
        feed(group(GroupBuyEventType.JOINED, "g1", "u2", 4 * DAY + MINUTE + 5_000));
        feed(group(GroupBuyEventType.JOINED, "g1", "u3", 4 * DAY + MINUTE + 9_000));     // u3: minutes old → fresh

        double[] v = single(feed(order("o1", "u1", "g1", 4 * DAY + MINUTE + 12_000)), FeatureRow.ORDER).values();

        assertThat(value(v, "group_fresh_joiners")).isEqualTo(1);
        assertThat(value(v, "group_fill_seconds")).isEqualTo(9);
        assertThat(value(v, "scan_to_signup_seconds")).isEqualTo(90);
        assertThat(value(v, "signup_to_first_order_seconds")).isEqualTo((4 * DAY + MINUTE + 12_000 - 90_000) / 1000.0);
    }

    @Test
    void leaderSharesCountTheLastDayOfPaidOrders() {
        feed(referral(ReferralEventType.SIGNED_UP, "L1", "young", null, 10 * DAY));
        feed(order("o1", "old", null, 10 * DAY + HOUR));                  // unknown signup: not young
        feed(order("o2", "young", null, 10 * DAY + 2 * HOUR));            // young
        feed(refund("o1", "old", 10 * DAY + 3 * HOUR));
        double[] v = single(feed(order("o3", "young", null, 10 * DAY + 4 * HOUR)), FeatureRow.ORDER).values();
        assertThat(value(v, "leader_young_buyer_share_1d")).isEqualTo(2.0 / 3);
        assertThat(value(v, "leader_refund_rate_7d")).isEqualTo(1.0 / 3);

        // a day after o1, only o2 and o3 are in the day window; the 7-day refund rate still holds all three
        double[] later = single(feed(order("o4", "old", null, 11 * DAY + HOUR)), FeatureRow.ORDER).values();
        assertThat(value(later, "leader_young_buyer_share_1d")).isEqualTo(2.0 / 3);
        assertThat(value(later, "leader_refund_rate_7d")).isEqualTo(1.0 / 4);
    }

    @Test
    void aRefusedReferralLoopMarksItsLeadersForTheModel() {
        assertThat(feed2(recruited("A", "B", 1)).violation()).isEmpty();
        assertThat(feed2(recruited("B", "C", 2)).violation()).isEmpty();
        FraudFeatureExtractor.Extracted loop = feed2(recruited("C", "A", 3));
        assertThat(loop.violation()).get().extracting(ReferralRules.Violation::rule).isEqualTo(ReferralRules.REFERRAL_LOOP);

        double[] inRing = single(feed(orderOf("o1", "u1", "B", 4)), FeatureRow.ORDER).values();
        double[] outside = single(feed(orderOf("o2", "u2", "D", 5)), FeatureRow.ORDER).values();
        assertThat(value(inRing, "leader_in_referral_ring")).isEqualTo(1);
        assertThat(value(outside, "leader_in_referral_ring")).isZero();
    }

    @Test
    void couponOrdersCountPerIdentifierAndWindowAndTheOrderShowsWhatItsSubsidyTookOff() {
        // three farm accounts on one phone and one payment account, each redeeming a new-user coupon; one honest full-price order
        feed(couponOrder("o1", "f1", "phone", "pa", 10 * DAY, 500));
        feed(couponOrder("o2", "f2", "phone", "pa", 10 * DAY + 20 * MINUTE, 500));
        feed(orderEvent("o3", "h1", "L1", null, OrderEventType.PAID, 10 * DAY + 30 * MINUTE));
        FeatureRow thirdRow = single(feed(couponOrder("o4", "f3", "phone", "pa", 10 * DAY + 2 * HOUR, 500)), FeatureRow.ORDER);
        assertThat(thirdRow.subsidyCents()).as("what an alert on it puts at risk").isEqualTo(500);
        double[] third = thirdRow.values();
        assertThat(value(third, "device_coupon_orders_1h")).isEqualTo(1);      // o1 and o2 left the hour
        assertThat(value(third, "device_coupon_orders_1d")).isEqualTo(3);
        assertThat(value(third, "device_coupon_orders_7d")).isEqualTo(3);
        assertThat(value(third, "payment_coupon_orders_1d")).isEqualTo(3);
        assertThat(value(third, "ip_coupon_orders_1d")).isEqualTo(1);          // each account its own IP here
        assertThat(value(third, "ip_coupon_orders_1h")).isEqualTo(1);
        assertThat(value(third, "ip_coupon_orders_7d")).isEqualTo(1);
        assertThat(value(third, "payment_coupon_orders_1h")).isEqualTo(1);     // o1 and o2 left the hour here too
        assertThat(value(third, "device_accounts_1d")).isEqualTo(3);
        // list 1500, 500 off: a third of the line paid by the coupon; three of the leader's four orders today redeemed one
        assertThat(value(third, "order_subsidy_share")).isEqualTo(500.0 / 1500);
        assertThat(value(third, "leader_coupon_order_share_1d")).isEqualTo(3.0 / 4);

        // two days on, the day windows are empty; the week still holds the farm's three
        double[] later = single(feed(couponOrder("o5", "f4", "phone", "pa", 12 * DAY, 500)), FeatureRow.ORDER).values();
        assertThat(value(later, "device_coupon_orders_1d")).isEqualTo(1);
        assertThat(value(later, "device_coupon_orders_7d")).isEqualTo(4);
        assertThat(value(later, "payment_coupon_orders_7d")).isEqualTo(4);
        assertThat(value(later, "leader_coupon_order_share_1d")).isEqualTo(1);

        // a payment without breakdown (before schema v3) and a full-price one read as unsubsidised
        double[] honest = single(feed(orderEvent("o6", "h2", "L1", null, OrderEventType.PAID, 12 * DAY + MINUTE)), FeatureRow.ORDER).values();
        assertThat(value(honest, "order_subsidy_share")).isZero();
        assertThat(value(honest, "device_coupon_orders_1d")).isZero();
    }

    @Test
    void aReferralRewardInsideOneDeviceShowsInTheOrdersOfBothTheReferrerAndTheAccountItBrought() {
        // r signs up on the farm's phone, then brings a on it; elsewhere h brings n, each on their own phone and IP
        feed(signup("r", null, "phone", "wifi", 20 * DAY));
        feed(signup("a", "r", "phone", "wifi", 20 * DAY + 5 * MINUTE));
        feed(signup("n", "h", "d-n", "ip-n", 20 * DAY + 6 * MINUTE));
        OrderEvent firstOrder = OrderEvent.newBuilder(order("o1", "a", null, 20 * DAY + 10 * MINUTE)).setDeviceId("phone").setIp("wifi").build();
        double[] referee = single(feed(firstOrder), FeatureRow.ORDER).values();
        assertThat(value(referee, "device_referral_pairs_7d")).isEqualTo(1);
        assertThat(value(referee, "ip_referral_pairs_1d")).isEqualTo(1);
        // r spends the reward two days later from another network: the phone (7 days) still shows the pair, the new IP does not
        OrderEvent reward = OrderEvent.newBuilder(order("o2", "r", null, 22 * DAY)).setDeviceId("phone").setIp("4g").build();
        double[] referrer = single(feed(reward), FeatureRow.ORDER).values();
        assertThat(value(referrer, "device_referral_pairs_7d")).isEqualTo(1);
        assertThat(value(referrer, "ip_referral_pairs_1d")).isZero();
        // n was brought by h, who was never seen on n's phone or IP
        double[] apart = single(feed(order("o3", "n", null, 20 * DAY + 20 * MINUTE)), FeatureRow.ORDER).values();
        assertThat(value(apart, "device_referral_pairs_7d")).isZero();
        assertThat(value(apart, "ip_referral_pairs_1d")).isZero();
    }

    @Test
    void aLeadersDayShowsOrdersPaidMostlyBySubsidyAndNewUserCouponsRedeemedByDayOldAccounts() {
        feed(referral(ReferralEventType.SIGNED_UP, "L1", "n1", null, 30 * DAY));
        feed(referral(ReferralEventType.SIGNED_UP, "L1", "n2", null, 30 * DAY + MINUTE));
        feed(order("o1", "old", null, 30 * DAY + 2 * MINUTE));                                   // full price, signup unknown
        feed(couponOrder("o2", "n1", "d-n1", "pa-n1", 30 * DAY + 10 * MINUTE, 1_500));           // 1,500 of 2,500: mostly subsidy
        double[] v = single(feed(couponOrder("o3", "n2", "d-n2", "pa-n2", 30 * DAY + 20 * MINUTE, 500)), FeatureRow.ORDER).values();
        assertThat(value(v, "leader_subsidised_order_share_1d")).isEqualTo(1.0 / 3);            // o2 of o1, o2, o3
        assertThat(value(v, "leader_young_new_user_coupons_1d")).isEqualTo(2);                  // n1 and n2, minutes old
        // a day later the old orders have left the day; an old account's coupon is no day-old account's
        double[] later = single(feed(couponOrder("o4", "old", "d-old", "pa-old", 31 * DAY + 30 * MINUTE, 1_500)), FeatureRow.ORDER).values();
        assertThat(value(later, "leader_subsidised_order_share_1d")).isEqualTo(1);
        assertThat(value(later, "leader_young_new_user_coupons_1d")).isZero();
    }

    @Test
    void aRefundOnlyClaimSaysHowLongAfterPickupItCame() {
        feed(order("o1", "u1", null, DAY));
        feed(orderEvent("o1", "u1", "L1", null, OrderEventType.CONFIRMED, DAY + 10 * HOUR));
        double[] claim = single(feed(refund("o1", "u1", DAY + 10 * HOUR + 30 * MINUTE)), FeatureRow.MEMBER).values();
        assertThat(value(claim, "refund_after_pickup")).isEqualTo(1);
        assertThat(value(claim, "refund_hours_after_pickup")).isEqualTo(0.5);

        feed(order("o2", "u1", null, 2 * DAY));
        double[] beforePickup = single(feed(refund("o2", "u1", 2 * DAY + HOUR)), FeatureRow.MEMBER).values();
        assertThat(value(beforePickup, "refund_hours_after_pickup")).isEqualTo(-1);
    }

    private OrderEvent couponOrder(String order, String user, String device, String payer, long t, long couponCents) {
        return OrderEvent.newBuilder(orderEvent(order, user, "L1", null, OrderEventType.PAID, t)).setDeviceId(device)
                .setPaymentAccount(payer).setListAmountCents(1_000 + couponCents)
                .setDiscounts(List.of(io.leaderlens.events.Discount.newBuilder().setKind(io.leaderlens.events.DiscountKind.NEW_USER_FIRST_ORDER)
                        .setAmountCents(couponCents).setCampaignId("new-user").setCouponId("cp-" + order).build()))
                .build();
    }

    private List<FeatureRow> feed(SpecificRecord record) {
        return extractor.accept(new PlatformEvent(record));
    }

    private FraudFeatureExtractor.Extracted feed2(SpecificRecord record) {
        return extractor.extract(new PlatformEvent(record));
    }

    private static FeatureRow single(List<FeatureRow> rows, String subject) {
        return rows.stream().filter(r -> r.subject().equals(subject)).findFirst().orElseThrow();
    }

    private static double value(double[] v, String feature) {
        return v[FraudFeatures.index(feature)];
    }

    private ReferralEvent referral(ReferralEventType type, String leader, String user, String upline, long t) {
        return ReferralEvent.newBuilder().setEventId("e" + ids++).setType(type).setLeaderId(leader).setCity("c")
                .setUserId(user).setUplineLeaderId(upline).setDeviceId("d-" + user).setIp("ip-" + user).setEventTime(t).build();
    }

    private ReferralEvent signup(String user, String referredBy, String device, String ip, long t) {
        return ReferralEvent.newBuilder(referral(ReferralEventType.SIGNED_UP, "L1", user, null, t)).setDeviceId(device).setIp(ip)
                .setReferredByUserId(referredBy).build();
    }

    private ReferralEvent recruited(String leader, String upline, long t) {
        return referral(ReferralEventType.RECRUITED, leader, "user-" + leader, upline, t);
    }

    private GroupBuyEvent group(GroupBuyEventType type, String group, String user, long t) {
        return GroupBuyEvent.newBuilder().setEventId("e" + ids++).setGroupBuyId(group).setType(type).setLeaderId("L1")
                .setCity("c").setUserId(user).setOpenedByLeader(false).setProductId("p").setGroupSize(3).setMemberCount(0)
                .setDeadline(t + DAY).setEventTime(t).build();
    }

    private OrderEvent order(String order, String user, String group, long t) {
        return orderEvent(order, user, "L1", group, OrderEventType.PAID, t);
    }

    private OrderEvent orderOf(String order, String user, String leader, long t) {
        return orderEvent(order, user, leader, null, OrderEventType.PAID, t);
    }

    private OrderEvent refund(String order, String user, long t) {
        return orderEvent(order, user, "L1", null, OrderEventType.REFUNDED, t);
    }

    private OrderEvent orderEvent(String order, String user, String leader, String group, OrderEventType type, long t) {
        return OrderEvent.newBuilder().setEventId("e" + ids++).setOrderId(order).setType(type).setUserId(user)
                .setLeaderId(leader).setCity("c").setGroupBuyId(group).setProductId("p").setCategory("FRESH")
                .setQuantity(1).setAmountCents(1_000).setCurrency("CNY").setPickupPointId("pp").setDeviceId("d-" + user)
                .setIp("ip-" + user).setPaymentAccount("pa-" + user).setEventTime(t).build();
    }
}
