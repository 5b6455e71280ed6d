package io.leaderlens.events;

import static java.util.Objects.requireNonNull;

import org.apache.avro.specific.SpecificRecord;

/**
 * Any one platform event: exactly one of the three fields is set. Lets a single stream carry all kinds
 * so that per-leader logic sees orders, group buys and referrals in event-time order.
 */
public record PlatformEvent(OrderEvent order, GroupBuyEvent groupBuy, ReferralEvent referral) {

    public PlatformEvent {
        int set = (order != null ? 1 : 0) + (groupBuy != null ? 1 : 0) + (referral != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one event must be set, got " + set);
        }
    }

    public static PlatformEvent of(SpecificRecord record) {
        requireNonNull(record, "record");
        return switch (EventKind.of(record)) {
            case ORDER -> new PlatformEvent((OrderEvent) record, null, null);
            case GROUP_BUY -> new PlatformEvent(null, (GroupBuyEvent) record, null);
            case REFERRAL -> new PlatformEvent(null, null, (ReferralEvent) record);
        };
    }

    public EventKind kind() {
        return order != null ? EventKind.ORDER : groupBuy != null ? EventKind.GROUP_BUY : EventKind.REFERRAL;
    }

    public SpecificRecord record() {
        return order != null ? order : groupBuy != null ? groupBuy : referral;
    }

    public String eventId() {
        return order != null ? order.getEventId() : groupBuy != null ? groupBuy.getEventId() : referral.getEventId();
    }

    public long eventTime() {
        return order != null ? order.getEventTime() : groupBuy != null ? groupBuy.getEventTime() : referral.getEventTime();
    }

    public String leaderId() {
        return order != null ? order.getLeaderId() : groupBuy != null ? groupBuy.getLeaderId() : referral.getLeaderId();
    }

    public String city() {
        return order != null ? order.getCity() : groupBuy != null ? groupBuy.getCity() : referral.getCity();
    }
}
