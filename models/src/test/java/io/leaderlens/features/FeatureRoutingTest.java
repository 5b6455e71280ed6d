package io.leaderlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeatureRouting.Identifier;
import org.junit.jupiter.api.Test;

class FeatureRoutingTest {
    @Test
    void everyStepTheMemberTakesIsASightingOnItsDeviceIpAndPaymentAccount() {
        for (OrderEventType type : new OrderEventType[] {OrderEventType.PLACED, OrderEventType.PAID, OrderEventType.CONFIRMED,
                OrderEventType.CANCELLED, OrderEventType.REFUNDED}) {
            assertThat(FeatureRouting.identifiers(PlatformEvent.of(order(type)))).as(type.name())
                    .containsExactly(new Identifier(IdentifierKind.DEVICE, "d-1", "u-1"), new Identifier(IdentifierKind.IP, "ip-1", "u-1"),
                            new Identifier(IdentifierKind.PAYMENT_ACCOUNT, "pa-1", "u-1"));
        }
    }

    @Test
    void theGoodsArrivingAtThePickupPointIsNoSightingOfTheMember() {
        PlatformEvent arrival = PlatformEvent.of(order(OrderEventType.GOODS_ARRIVED));
        assertThat(FeatureRouting.identifiers(arrival)).isEmpty();
        for (IdentifierKind kind : IdentifierKind.values()) {
            assertThat(FeatureRouting.identifier(arrival, kind)).as(kind.name()).isNull();
        }
    }

    private static OrderEvent order(OrderEventType type) {
        return OrderEvent.newBuilder().setEventId("e-" + type).setOrderId("o-1").setType(type).setUserId("u-1").setLeaderId("L-1")
                .setCity("c").setGroupBuyId("g-1").setProductId("p").setCategory("FRESH").setQuantity(1).setAmountCents(1_000)
                .setCurrency("CNY").setPickupPointId("pp").setDeviceId("d-1").setIp("ip-1").setPaymentAccount("pa-1").setEventTime(1_000L)
                .build();
    }
}
