package io.leaderlens.features;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.OrderEvent;

/** A payment or a refund at a pickup point, as the member's history saw it (a refund after pickup is refund-only). */
public record PickupInput(String pickupPointId, String leaderId, String eventId, long eventTime, boolean refund,
                          boolean afterPickup) {
    public PickupInput {
        requireNonNull(pickupPointId, "pickupPointId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(eventId, "eventId");
    }

    static PickupInput of(OrderEvent order, boolean afterPickup) {
        boolean refund = order.getType() == io.leaderlens.events.OrderEventType.REFUNDED;
        return new PickupInput(order.getPickupPointId(), order.getLeaderId(), order.getEventId(), order.getEventTime(), refund,
                afterPickup);
    }
}
