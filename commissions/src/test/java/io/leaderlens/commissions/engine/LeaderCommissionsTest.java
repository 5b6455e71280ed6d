package io.leaderlens.commissions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.commissions.ledger.Bucket;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
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
