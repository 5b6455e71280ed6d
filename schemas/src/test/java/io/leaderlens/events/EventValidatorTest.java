package io.leaderlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private final EventValidator validator = new EventValidator();

    private static OrderEvent.Builder order() {
        return OrderEvent.newBuilder().setEventId("e1").setOrderId("o1").setType(OrderEventType.PAID)
                .setUserId("u1").setLeaderId("L1").setCity("c").setProductId("p").setCategory("snacks")
                .setQuantity(1).setAmountCents(100).setCurrency("CNY").setPickupPointId("pp").setDeviceId("d")
                .setIp("i").setPaymentAccount("pa").setEventTime(1_700_000_000_000L);
    }

    @Test
    void acceptsAValidOrder() {
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().build())));
    }

    @Test
    void namesEachViolation() {
        assertEquals(Optional.of("negative amount_cents -5"), validator.violation(PlatformEvent.of(order().setAmountCents(-5).build())));
        assertEquals(Optional.of("quantity 0 is not positive"), validator.violation(PlatformEvent.of(order().setQuantity(0).build())));
        assertEquals(Optional.of("missing leader_id"), validator.violation(PlatformEvent.of(order().setLeaderId(" ").build())));
        assertEquals(Optional.of("event_time 0 is not a positive epoch millisecond"),
                validator.violation(PlatformEvent.of(order().setEventTime(0).build())));
    }
}
