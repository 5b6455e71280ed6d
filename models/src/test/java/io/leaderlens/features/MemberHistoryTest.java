package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.DAY;
import static io.leaderlens.features.FeatureTime.NONE;
import static io.leaderlens.features.FeatureTime.PICKUP_MEMORY;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import org.junit.jupiter.api.Test;

/** What a member's refund tells the pickup point: whether it came after pickup, and which payment it belongs to. */
class MemberHistoryTest {
    private static final long T0 = 400 * DAY;
    private final MemberHistory member = new MemberHistory();
    private int ids;

    private MemberHistory.Outcome apply(OrderEventType type, String order, long t) {
        return member.apply(PlatformEvent.of(OrderEvent.newBuilder().setEventId("e" + ids++).setOrderId(order).setType(type)
                .setUserId("u1").setLeaderId("L1").setCity("c").setProductId("p").setCategory("FRESH").setQuantity(1)
                .setAmountCents(1_000).setCurrency("CNY").setPickupPointId("pp").setDeviceId("d").setIp("ip").setPaymentAccount("pa")
                .setEventTime(t).build()));
    }

    @Test
    void aRefundAfterPickupIsAClaimAgainstItsPaymentWhileBothAreRemembered() {
        apply(OrderEventType.PAID, "o1", T0);
        apply(OrderEventType.CONFIRMED, "o1", T0 + DAY);
        PickupInput claim = apply(OrderEventType.REFUNDED, "o1", T0 + 2 * DAY).pickup();
        assertThat(claim.afterPickup()).isTrue();
        assertThat(claim.paidAt()).isEqualTo(T0);

        apply(OrderEventType.PAID, "o2", T0 + 3 * DAY);
        PickupInput refund = apply(OrderEventType.REFUNDED, "o2", T0 + 4 * DAY).pickup();
        assertThat(refund.afterPickup()).as("never picked up").isFalse();
        assertThat(refund.paidAt()).isEqualTo(T0 + 3 * DAY);
    }

    @Test
    void timesOlderThanTheMemoryReadAsUnknownAndTheirOrdersAreForgotten() {
        apply(OrderEventType.PAID, "o1", T0);
        apply(OrderEventType.CONFIRMED, "o1", T0 + 10 * DAY);
        // the payment has left the memory, the pickup has not
        PickupInput late = apply(OrderEventType.REFUNDED, "o1", T0 + PICKUP_MEMORY + DAY).pickup();
        assertThat(late.afterPickup()).isTrue();
        assertThat(late.paidAt()).isEqualTo(NONE);
        // exactly the memory after the pickup, the pickup is forgotten too (a window is (t - memory, t])
        PickupInput later = apply(OrderEventType.REFUNDED, "o1", T0 + 10 * DAY + PICKUP_MEMORY).pickup();
        assertThat(later.afterPickup()).isFalse();
        assertThat(member.orders).as("an order with nothing remembered is dropped").isEmpty();
        assertThat(member.orderPaidAt.size()).isZero();
        assertThat(member.orderPickedUpAt.size()).isZero();
    }

    @Test
    void aPickupOfAnOrderPaidBeforeTheDataIsRememberedWithoutAPayment() {
        apply(OrderEventType.CONFIRMED, "o0", T0);
        PickupInput claim = apply(OrderEventType.REFUNDED, "o0", T0 + DAY).pickup();
        assertThat(claim.afterPickup()).isTrue();
        assertThat(claim.paidAt()).isEqualTo(NONE);
    }
}
