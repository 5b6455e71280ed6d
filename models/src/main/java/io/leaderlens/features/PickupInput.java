package io.leaderlens.features;

import io.leaderlens.events.Retimable;
import static java.util.Objects.requireNonNull;

import io.leaderlens.events.OrderEvent;

/**
 * A payment or a refund at a pickup point, as the member's history saw it (a refund after pickup is refund-only).
 * {@code paidAt} is when the order was paid: the event's own time for a payment, the original payment's for a
 * refund ({@link FeatureTime#NONE} when the member's history no longer holds it).
 */
public record PickupInput(String pickupPointId, String leaderId, String eventId, long eventTime, boolean refund,
                          boolean afterPickup, long paidAt) implements Retimable<PickupInput> {
    public PickupInput {
        requireNonNull(pickupPointId, "pickupPointId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(eventId, "eventId");
    }

    /** The same input at a later {@code time} (a payment's own payment time moves with it). */
    @Override
    public PickupInput at(long time) {
        return new PickupInput(pickupPointId, leaderId, eventId, time, refund, afterPickup, refund ? paidAt : time);
    }

    static PickupInput of(OrderEvent order, boolean afterPickup, long paidAt) {
        boolean refund = order.getType() == io.leaderlens.events.OrderEventType.REFUNDED;
        return new PickupInput(order.getPickupPointId(), order.getLeaderId(), order.getEventId(), order.getEventTime(), refund,
                afterPickup, paidAt);
    }
}
