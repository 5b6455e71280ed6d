package io.leaderlens.commissions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.commissions.ledger.Bucket;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderCommissionsTest {
    private static final long DAY = 86_400_000L;

    @Test
    void aRefusedOrderChangesNothingAndLosesNoCredit() throws Exception {
        CommissionSettings settings = settings();
        LeaderCommissions leader = new LeaderCommissions("L1", settings);
        List<LedgerEntry> entries = new ArrayList<>();
        entries.addAll(leader.accept(order("e1", OrderEventType.PAID, "o1", "snacks", 0), settings).entries());
        entries.addAll(leader.accept(order("e2", OrderEventType.CONFIRMED, "o1", "snacks", DAY), settings).entries());

        // the window has passed when an order in an unknown category comes: refused, nothing moved yet
        assertThatThrownBy(() -> leader.accept(order("e3", OrderEventType.PAID, "o3", "jewellery", 9 * DAY), settings))
                .hasMessageContaining("jewellery");
        entries.addAll(leader.accept(order("e4", OrderEventType.PAID, "o4", "snacks", 9 * DAY + 1), settings).entries());

        assertThat(entries).filteredOn(e -> e.bucket() == Bucket.CREDITED).extracting(LedgerEntry::amountCents).containsExactly(100L);
        assertThat(entries).noneMatch(e -> e.sourceId().equals("o3"));
    }

    @Test
    void anAlertHoldsFromItsFirstHoldingRecordOnceAndNotAgainAfterTheVerdict() throws Exception {
        CommissionSettings settings = settings();
        LeaderCommissions leader = new LeaderCommissions("L1", settings);
        List<LedgerEntry> entries = new ArrayList<>();
        entries.addAll(leader.accept(order("e1", OrderEventType.PAID, "o1", "snacks", 0), settings).entries());
        long hour = 3_600_000L;
        // opened as a review: nothing held yet
        entries.addAll(leader.alert(new FraudAlertNotice("L1@0", "L1", "REVIEW", 0.6, "r", 10, null, Double.NaN), settings).entries());
        assertThat(entries).noneMatch(e -> e.bucket() == Bucket.HELD);
        // the third flagged event makes it a hold: the pending line is held from here
        entries.addAll(leader.alert(new FraudAlertNotice("L1@0", "L1", "HOLD_COMMISSION", 0.7, "r", 20, "REVIEW", 0.6), settings).entries());
        assertThat(entries).filteredOn(e -> e.bucket() == Bucket.HELD).extracting(LedgerEntry::amountCents).containsExactly(100L);
        // more of the same alert: held once, not twice
        entries.addAll(leader.alert(new FraudAlertNotice("L1@0", "L1", "HOLD_COMMISSION", 0.8, "r", 30, "HOLD_COMMISSION", 0.7), settings).entries());
        assertThat(entries).filteredOn(e -> e.bucket() == Bucket.HELD).hasSize(1);
        // released by the review; the alert's later records (a new order meanwhile, then its close) hold nothing again
        entries.addAll(leader.resolve(new AlertResolution("L1@0", "L1", io.leaderlens.commissions.ledger.LeaderLedger.Outcome.RELEASE,
                "analyst", "genuine", 40), settings).entries());
        entries.addAll(leader.accept(order("e2", OrderEventType.PAID, "o2", "snacks", 50), settings).entries());
        entries.addAll(leader.alert(new FraudAlertNotice("L1@0", "L1", "HOLD_COMMISSION", 0.9, "r", 60, "HOLD_COMMISSION", 0.8), settings).entries());
        entries.addAll(leader.alert(new FraudAlertNotice("L1@0", "L1", "HOLD_COMMISSION", 0.9, "r", hour, "HOLD_COMMISSION", 0.9), settings).entries());
        assertThat(entries).filteredOn(e -> e.cause().equals("ALERT_OPENED") && e.bucket() == Bucket.HELD).extracting(LedgerEntry::sourceId).containsExactly("o1");
        assertThat(entries).filteredOn(e -> e.sourceId().equals("o2")).noneMatch(e -> e.bucket() == Bucket.HELD);
    }

    /**
     * Under commission-base LIST a subsidised order earns on its list amount and a partial refund takes back its share of
     * it; a first order paid with a new-user coupon earns no new-member bonus, the member's next pickup does. Figures by
     * hand: list 2,000 at the card's snacks rate 10% = 200; a refund of 300 of the 1,500 paid is a fifth, 400 of the
     * list: 40 back; the bonus is the card's 300.
     */
    @Test
    void onTheListAmountTheBaseAndTheRefundsShareFollowTheListAndASubsidisedFirstOrderEarnsNoBonus() throws Exception {
        java.util.Properties card = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(Path.of("../conf/rate-card.properties"))) {
            card.load(in);
        }
        card.setProperty("commission-base", "LIST");
        card.setProperty("bonus.new-member.not-on-discounts", "NEW_USER_FIRST_ORDER");
        CommissionSettings settings = new CommissionSettings(new RateCalculator(RateCardParser.parse("test", card)), Duration.ofDays(7),
                new BigDecimal("0.001"));
        LeaderCommissions leader = new LeaderCommissions("L1", settings);
        List<LedgerEntry> entries = new ArrayList<>();
        entries.addAll(leader.binding(new BindingDecision(BindingDecision.Kind.MEMBER, "L1", "m1", true, "signed up", "r1", 0), settings).entries());
        OrderEvent.Builder coupon = OrderEvent.newBuilder(order("e1", OrderEventType.PAID, "o1", "snacks", 10).order()).setAmountCents(1_500)
                .setListAmountCents(2_000L).setDiscounts(List.of(Discount.newBuilder().setKind(DiscountKind.NEW_USER_FIRST_ORDER)
                        .setAmountCents(500).setCampaignId("new-user").setCouponId("cp1").build()));
        entries.addAll(leader.accept(PlatformEvent.of(coupon.build()), settings).entries());
        entries.addAll(leader.accept(PlatformEvent.of(coupon.setEventId("e2").setType(OrderEventType.CONFIRMED).setEventTime(DAY).build()), settings).entries());
        entries.addAll(leader.accept(PlatformEvent.of(coupon.setEventId("e3").setType(OrderEventType.REFUNDED).setAmountCents(300)
                .setEventTime(2 * DAY).build()), settings).entries());
        entries.addAll(leader.accept(order("e4", OrderEventType.PAID, "o2", "snacks", 3 * DAY), settings).entries());
        entries.addAll(leader.accept(order("e5", OrderEventType.CONFIRMED, "o2", "snacks", 4 * DAY), settings).entries());

        LedgerEntry earned = entries.stream().filter(e -> e.sourceId().equals("o1") && e.cause().equals("PAID")).findFirst().orElseThrow();
        assertThat(earned.baseCents()).isEqualTo(2_000);
        assertThat(earned.amountCents()).isEqualTo(200);
        assertThat(earned.reason()).isEqualTo("earned on the list amount (1500 cents paid)");
        assertThat(entries).filteredOn(e -> e.bucket() == Bucket.CLAWED_BACK).extracting(LedgerEntry::amountCents).containsExactly(40L);
        assertThat(entries).filteredOn(e -> e.kind() == io.leaderlens.commissions.ledger.LineKind.NEW_MEMBER_BONUS)
                .extracting(LedgerEntry::sourceId, LedgerEntry::amountCents).containsExactly(org.assertj.core.groups.Tuple.tuple("o2", 300L));
        assertThat(entries.stream().filter(e -> e.sourceId().equals("o2") && e.cause().equals("PAID")).findFirst().orElseThrow().reason())
                .as("an order without a breakdown earns on what was paid").isEqualTo("earned");
    }

    private static CommissionSettings settings() throws Exception {
        return new CommissionSettings(new RateCalculator(RateCardParser.read(Path.of("../conf/rate-card.properties"))), Duration.ofDays(7),
                new BigDecimal("0.001"));
    }

    private static PlatformEvent order(String eventId, OrderEventType type, String order, String category, long t) {
        return new PlatformEvent(OrderEvent.newBuilder().setEventId(eventId).setOrderId(order).setType(type).setUserId("m1")
                .setLeaderId("L1").setCity("c").setProductId("p").setCategory(category).setQuantity(1).setAmountCents(1_000)
                .setCurrency("CNY").setPickupPointId("pp").setDeviceId("d").setIp("ip").setPaymentAccount("pa").setEventTime(t).build());
    }
}
