package io.leaderlens.events;

import io.leaderlens.events.Retimable;
import static java.util.Objects.requireNonNull;

import org.apache.avro.specific.SpecificRecord;

/**
 * Any one platform event: an {@link OrderEvent}, {@link GroupBuyEvent}, {@link ReferralEvent}, {@link CouponEvent} or
 * {@link CampaignEvent}. Lets a single stream carry all kinds so per-leader logic sees orders, group buys, referrals and
 * coupons in event-time order; campaigns are the platform's, with no leader ({@link #leaderId()} is null).
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
        if (record instanceof CouponEvent c) {
            return new PlatformEvent(CouponEvent.newBuilder(c).setEventTime(time).build());
        }
        return new PlatformEvent(CampaignEvent.newBuilder((CampaignEvent) record).setEventTime(time).build());
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

    public CampaignEvent campaign() {
        return record instanceof CampaignEvent c ? c : null;
    }

    /** Whether it happened at a leader: every kind but a campaign ({@link EventKind#atALeader()}). */
    public boolean atALeader() {
        return !(record instanceof CampaignEvent);
    }

    /**
     * What de-duplication partitions by: the leader for events at a leader (so every per-leader step after it reads
     * the stream where it is), the campaign for a campaign's.
     */
    public String partitionKey() {
        return record instanceof CampaignEvent c ? c.getCampaignId() : leaderId();
    }

    // the accessors below run several times per event in every operator: direct getters, not schema lookups

    public String eventId() {
        if (record instanceof OrderEvent o) {
            return o.getEventId();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getEventId();
        }
        if (record instanceof CouponEvent c) {
            return c.getEventId();
        }
        return record instanceof ReferralEvent r ? r.getEventId() : ((CampaignEvent) record).getEventId();
    }

    public long eventTime() {
        if (record instanceof OrderEvent o) {
            return o.getEventTime();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getEventTime();
        }
        if (record instanceof CouponEvent c) {
            return c.getEventTime();
        }
        return record instanceof ReferralEvent r ? r.getEventTime() : ((CampaignEvent) record).getEventTime();
    }

    /** The leader it happened at; null for a campaign's event (the platform's). */
    public String leaderId() {
        if (record instanceof OrderEvent o) {
            return o.getLeaderId();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getLeaderId();
        }
        if (record instanceof CouponEvent c) {
            return c.getLeaderId();
        }
        return record instanceof ReferralEvent r ? r.getLeaderId() : null;
    }

    /** The leader's city; null for a campaign's event. */
    public String city() {
        if (record instanceof OrderEvent o) {
            return o.getCity();
        }
        if (record instanceof GroupBuyEvent g) {
            return g.getCity();
        }
        if (record instanceof CouponEvent c) {
            return c.getCity();
        }
        return record instanceof ReferralEvent r ? r.getCity() : null;
    }
}
