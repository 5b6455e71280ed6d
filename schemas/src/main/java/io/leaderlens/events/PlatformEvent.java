package io.leaderlens.events;

import io.leaderlens.events.Retimable;
import static java.util.Objects.requireNonNull;

import org.apache.avro.specific.SpecificRecord;

/**
 * Any one platform event: an {@link OrderEvent}, {@link GroupBuyEvent}, {@link ReferralEvent} or {@link CouponEvent}.
 * Lets a single stream carry all kinds so per-leader logic sees orders, group buys, referrals and coupons in event-time
 * order.
 * The one component is typed as the {@link SpecificRecord} interface on purpose: stream processors then
 * treat it as an opaque value with its own serializer instead of analysing Avro's generated classes.
 */
public record PlatformEvent(SpecificRecord record) implements Retimable<PlatformEvent> {

    public PlatformEvent {
        requireNonNull(record, "record");
        EventKind.of(record); // refuses anything that is not a platform event
    }

    public static PlatformEvent of(SpecificRecord record) {
        return new PlatformEvent(record);
    }

    /**
     * The same event as if it had happened at {@code time}: how a stream stage that lets inputs through before the
     * watermark applies one that reached it after a later one (the original stays in the event tables).
     */
    @Override
    public PlatformEvent at(long time) {
        if (record instanceof OrderEvent o) {
            return new PlatformEvent(OrderEvent.newBuilder(o).setEventTime(time).build());
        }
        if (record instanceof GroupBuyEvent g) {
            return new PlatformEvent(GroupBuyEvent.newBuilder(g).setEventTime(time).build());
        }
        if (record instanceof ReferralEvent r) {
            return new PlatformEvent(ReferralEvent.newBuilder(r).setEventTime(time).build());
        }
        return new PlatformEvent(CouponEvent.newBuilder((CouponEvent) record).setEventTime(time).build());
    }

    public EventKind kind() {
        return EventKind.of(record);
    }

    public OrderEvent order() {
        return record instanceof OrderEvent o ? o : null;
    }

    public GroupBuyEvent groupBuy() {
        return record instanceof GroupBuyEvent g ? g : null;
    }

    public ReferralEvent referral() {
        return record instanceof ReferralEvent r ? r : null;
    }

    public CouponEvent coupon() {
        return record instanceof CouponEvent c ? c : null;
    }

    // the accessors below run several times per event in every operator: direct getters, not schema lookups

    public String eventId() {
        if (record instanceof OrderEvent o) {
            return o.getEventId();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getEventId();
        }
        return record instanceof ReferralEvent r ? r.getEventId() : ((CouponEvent) record).getEventId();
    }

    public long eventTime() {
        if (record instanceof OrderEvent o) {
            return o.getEventTime();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getEventTime();
        }
        return record instanceof ReferralEvent r ? r.getEventTime() : ((CouponEvent) record).getEventTime();
    }

    public String leaderId() {
        if (record instanceof OrderEvent o) {
            return o.getLeaderId();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getLeaderId();
        }
        return record instanceof ReferralEvent r ? r.getLeaderId() : ((CouponEvent) record).getLeaderId();
    }

    public String city() {
        if (record instanceof OrderEvent o) {
            return o.getCity();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getCity();
        }
        return record instanceof ReferralEvent r ? r.getCity() : ((CouponEvent) record).getCity();
    }
}
