package io.leaderlens.features;

import io.leaderlens.events.Retimable;
import static java.util.Objects.requireNonNull;

import io.leaderlens.events.PlatformEvent;

/**
 * Something that happens to a group buy or asks about it: opened, joined (with whether the joiner's account
 * is under a day old, known only to the member's history), closed (formed or failed), or an order in it
 * that needs its features.
 */
public record GroupBuyInput(String groupBuyId, String leaderId, String eventId, long eventTime, Kind kind, boolean freshJoiner,
                            long deadline) implements Retimable<GroupBuyInput> {
    public enum Kind { OPENED, JOINED, CLOSED, ORDER }

    public GroupBuyInput {
        requireNonNull(groupBuyId, "groupBuyId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(eventId, "eventId");
        requireNonNull(kind, "kind");
    }

    /** The same input at a later {@code time}. */
    @Override
    public GroupBuyInput at(long time) {
        return new GroupBuyInput(groupBuyId, leaderId, eventId, time, kind, freshJoiner, deadline);
    }

    static GroupBuyInput joined(String groupBuyId, String leaderId, String eventId, long t, boolean fresh) {
        return new GroupBuyInput(groupBuyId, leaderId, eventId, t, Kind.JOINED, fresh, 0);
    }

    /**
     * The input an event gives its group buy directly (opened, closed, an order's payment or refund in it), or
     * null. Joins go through the member's history first.
     */
    public static GroupBuyInput direct(PlatformEvent event) {
        if (event.groupBuy() != null) {
            var g = event.groupBuy();
            Kind kind = switch (g.getType()) {
                case OPENED -> Kind.OPENED;
                case FORMED, FAILED -> Kind.CLOSED;
                case JOINED -> null;
            };
            return kind == null ? null
                    : new GroupBuyInput(g.getGroupBuyId(), g.getLeaderId(), g.getEventId(), g.getEventTime(), kind, false, g.getDeadline());
        }
        var o = event.order();
        if (o != null && o.getGroupBuyId() != null && FeatureRouting.scored(event)) {
            return new GroupBuyInput(o.getGroupBuyId(), o.getLeaderId(), o.getEventId(), o.getEventTime(), Kind.ORDER, false, 0);
        }
        return null;
    }
}
