package io.leaderlens.events;

import java.util.Optional;

/**
 * The content rules every event must meet before it is counted. A violation is a dead letter with
 * this reason, never an exception that restarts a job.
 */
public final class EventValidator {
    /** Groups have 2, 3, 5 or 7 members. */
    private static boolean isValidGroupSize(int size) {
        return size == 2 || size == 3 || size == 5 || size == 7;
    }

    public Optional<String> violation(PlatformEvent event) {
        if (blank(event.eventId())) {
            return Optional.of("missing event_id");
        }
        if (blank(event.leaderId())) {
            return Optional.of("missing leader_id");
        }
        if (event.eventTime() <= 0) {
            return Optional.of("event_time " + event.eventTime() + " is not a positive epoch millisecond");
        }
        if (event.order() != null) {
            OrderEvent order = event.order();
            if (order.getAmountCents() < 0) {
                return Optional.of("negative amount_cents " + order.getAmountCents());
            }
            if (order.getQuantity() <= 0) {
                return Optional.of("quantity " + order.getQuantity() + " is not positive");
            }
            if (blank(order.getUserId()) || blank(order.getOrderId())) {
                return Optional.of("missing user_id or order_id");
            }
        }
        if (event.groupBuy() != null && !isValidGroupSize(event.groupBuy().getGroupSize())) {
            return Optional.of("group_size " + event.groupBuy().getGroupSize() + " is not 2, 3, 5 or 7");
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
