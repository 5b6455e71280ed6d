package io.leaderlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LeaderMetricsAccumulatorTest {
    private static int ids;

    static PlatformEvent order(OrderEventType type, String user, long cents) {
        return PlatformEvent.of(OrderEvent.newBuilder().setEventId("e" + ids++).setOrderId("o").setType(type)
                .setUserId(user).setLeaderId("L1").setCity("hangzhou").setProductId("p").setCategory("snacks")
                .setQuantity(1).setAmountCents(cents).setCurrency("CNY").setPickupPointId("pp").setDeviceId("d")
                .setIp("ip").setPaymentAccount("pa").setEventTime(1L).build());
    }

    static PlatformEvent group(GroupBuyEventType type) {
        return PlatformEvent.of(GroupBuyEvent.newBuilder().setEventId("e" + ids++).setGroupBuyId("g").setType(type)
                .setLeaderId("L1").setCity("hangzhou").setProductId("p").setGroupSize(3).setMemberCount(1)
                .setDeadline(2L).setEventTime(1L).build());
    }

    static PlatformEvent referral(ReferralEventType type, String user, String poster) {
        return PlatformEvent.of(ReferralEvent.newBuilder().setEventId("e" + ids++).setType(type).setLeaderId("L1")
                .setCity("hangzhou").setUserId(user).setPosterId(poster).setEventTime(1L).build());
    }

    @Test
    void countsEveryMetricByItsDefinition() {
        LeaderMetricsAccumulator acc = new LeaderMetricsAccumulator();
        acc.add(order(OrderEventType.PLACED, "u1", 1_000), false);
        acc.add(order(OrderEventType.PAID, "u1", 1_000), true);
        acc.add(order(OrderEventType.PAID, "u1", 2_550), false);
        acc.add(order(OrderEventType.PAID, "u2", 99), true);
        acc.add(order(OrderEventType.CONFIRMED, "u2", 99), false);
        acc.add(order(OrderEventType.REFUNDED, "u1", 2_550), false);
        acc.add(group(GroupBuyEventType.OPENED), false);
        acc.add(group(GroupBuyEventType.OPENED), false);
        acc.add(group(GroupBuyEventType.JOINED), false);
        acc.add(group(GroupBuyEventType.FORMED), false);
        acc.add(group(GroupBuyEventType.FAILED), false);
        acc.add(group(GroupBuyEventType.FORMED), false);
        acc.add(referral(ReferralEventType.POSTER_SHARED, null, "P1"), false);
        acc.add(referral(ReferralEventType.POSTER_SHARED, null, "P2"), false);
        acc.add(referral(ReferralEventType.SCANNED, "u3", "P1"), false);
        acc.add(referral(ReferralEventType.SIGNED_UP, "u3", "P1"), false);
        acc.add(referral(ReferralEventType.SIGNED_UP, "u4", null), false);

        LeaderMetrics m = acc.result(LocalDate.of(2026, 11, 22), 0, 60_000);
        assertThat(m.grossGmvCents()).isEqualTo(3_649);
        assertThat(m.refundCents()).isEqualTo(2_550);
        assertThat(m.netGmvCents()).isEqualTo(1_099);
        assertThat(m.orders()).isEqualTo(3);
        assertThat(m.buyers()).isEqualTo(2);
        assertThat(m.firstOrders()).isEqualTo(2);
        assertThat(m.groupsOpened()).isEqualTo(2);
        assertThat(m.groupsFormed()).isEqualTo(2);
        assertThat(m.groupsFailed()).isEqualTo(1);
        assertThat(m.formationRate()).isEqualTo(2.0 / 3.0);
        assertThat(m.shares()).isEqualTo(2);
        assertThat(m.scans()).isEqualTo(1);
        assertThat(m.signups()).isEqualTo(1);
        assertThat(m.newMembers()).isEqualTo(2);
        assertThat(m.scanRate()).isEqualTo(0.5);
        assertThat(m.signupRate()).isEqualTo(1.0);
        assertThat(m.firstOrderRate()).isEqualTo(2.0);
    }

    @Test
    void mergeEqualsAddingEverythingToOne() {
        LeaderMetricsAccumulator a = new LeaderMetricsAccumulator();
        LeaderMetricsAccumulator b = new LeaderMetricsAccumulator();
        a.add(order(OrderEventType.PAID, "u1", 500), true);
        b.add(order(OrderEventType.PAID, "u1", 700), false);
        b.add(order(OrderEventType.PAID, "u2", 300), true);
        LeaderMetrics merged = a.merge(b).result(LocalDate.EPOCH, 0, 1);
        assertThat(merged.grossGmvCents()).isEqualTo(1_500);
        assertThat(merged.buyers()).isEqualTo(2);
        assertThat(merged.orders()).isEqualTo(3);
    }

    @Test
    void ratesOverNothingAreUnknownNotZero() {
        LeaderMetrics empty = new LeaderMetricsAccumulator().add(order(OrderEventType.PLACED, "u", 1), false)
                .result(LocalDate.EPOCH, 0, 1);
        assertThat(empty.formationRate()).isNull();
        assertThat(empty.scanRate()).isNull();
    }
}
