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

    @Test
    void refusesWhatWouldOverflowSumsBloatStateOrPoisonTheWatermark() {
        assertEquals(Optional.of("amount_cents 9223372036854775807 is above the ceiling of 100000000 per order"),
                validator.violation(PlatformEvent.of(order().setAmountCents(Long.MAX_VALUE).build())));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().setAmountCents(100_000_000L).build())));
        assertEquals(Optional.of("quantity 10001 is above 10000"), validator.violation(PlatformEvent.of(order().setQuantity(10_001).build())));
        assertEquals(Optional.of("city is 257 characters long (at most 256)"),
                validator.violation(PlatformEvent.of(order().setCity("x".repeat(257)).build())));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().setCity("x".repeat(256)).build())));
        assertEquals(Optional.of("event_time 2300-01-01T00:00:00Z is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(order().setEventTime(java.time.Instant.parse("2300-01-01T00:00:00Z").toEpochMilli()).build())));
        assertEquals(Optional.of("event_time 1999-12-31T23:59:59.999Z is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(order().setEventTime(java.time.Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() - 1).build())));
        assertEquals(Optional.of("event_time 1970-01-01T00:00:01Z is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(order().setEventTime(1_000).build())), "seconds taken for milliseconds");
        ReferralEvent longPoster = ReferralEvent.newBuilder().setEventId("r1").setType(ReferralEventType.POSTER_SHARED).setLeaderId("L1")
                .setCity("c").setPosterId("p".repeat(300)).setEventTime(1_700_000_000_000L).build();
        assertEquals(Optional.of("poster_id is 300 characters long (at most 256)"), validator.violation(PlatformEvent.of(longPoster)));
    }
}
