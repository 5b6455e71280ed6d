package io.leaderlens.features;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Which keys' histories an event concerns: the one routing of the fraud features, followed by the offline
 * extractor and by the streaming job's keyed stages alike.
 */
public final class FeatureRouting {
    /** An identifier an event was seen on. */
    public record Identifier(IdentifierKind kind, String id, String account) {}

    private FeatureRouting() {}

    /** Paid orders and refunds are what gets scored. */
    public static boolean scored(PlatformEvent event) {
        OrderEvent o = event.order();
        return o != null && (o.getType() == OrderEventType.PAID || o.getType() == OrderEventType.REFUNDED);
    }

    /** A paid order that redeemed a coupon (new-user, referral reward, …): one discount names its coupon. */
    public static boolean redeemsCoupon(PlatformEvent event) {
        OrderEvent o = event.order();
        if (o == null || o.getType() != OrderEventType.PAID) {
            return false;
        }
        for (var discount : o.getDiscounts()) {
            if (discount.getCouponId() != null) {
                return true;
            }
        }
        return false;
    }

    /** Who brought the new user, when the event is a signup that names them (老带新), else null. */
    public static String referredBy(PlatformEvent event) {
        ReferralEvent r = event.referral();
        return r != null && r.getType() == ReferralEventType.SIGNED_UP ? r.getReferredByUserId() : null;
    }

    /**
     * Every order step the member takes and every signup shows an account on its device, IP and payment account. The
     * goods' arrival at the pickup point is the van's doing: it carries the order's identifiers (every order step
     * must) but is no sighting of the member on them.
     */
    public static List<Identifier> identifiers(PlatformEvent event) {
        List<Identifier> ids = new ArrayList<>(3);
        for (IdentifierKind kind : IdentifierKind.values()) {
            Identifier id = identifier(event, kind);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The identifier of one kind an event shows, or null (a hot path of the streaming job: no list built). */
    public static Identifier identifier(PlatformEvent event, IdentifierKind kind) {
        String id;
        String account;
        if (event.order() != null && event.order().getType() != OrderEventType.GOODS_ARRIVED) {
            OrderEvent o = event.order();
            account = o.getUserId();
            id = switch (kind) {
                case DEVICE -> o.getDeviceId();
                case IP -> o.getIp();
                case PAYMENT_ACCOUNT -> o.getPaymentAccount();
            };
        } else if (event.referral() != null && event.referral().getType() == ReferralEventType.SIGNED_UP && kind != IdentifierKind.PAYMENT_ACCOUNT) {
            ReferralEvent r = event.referral();
            account = r.getUserId();
            id = kind == IdentifierKind.DEVICE ? r.getDeviceId() : r.getIp();
        } else {
            return null;
        }
        return id != null && !id.equals("unknown") && account != null ? new Identifier(kind, id, account) : null;
    }

    /** The leader whose history an event updates or whose row it makes, or null. */
    public static String leaderOf(PlatformEvent event) {
        if (scored(event)) {
            return event.leaderId();
        }
        ReferralEvent r = event.referral();
        if (r != null && (r.getType() == ReferralEventType.POSTER_SHARED
                || (r.getType() == ReferralEventType.SIGNED_UP && r.getUserId() != null))) {
            return r.getLeaderId();
        }
        return null;
    }

    /** The category whose running mean a scored order is compared with, or null. */
    public static String categoryOf(PlatformEvent event) {
        return scored(event) ? event.order().getCategory() : null;
    }

    /** A recruitment that binds a leader under an upline: the recruitment graph decides it. */
    public static boolean recruitment(PlatformEvent event) {
        ReferralEvent r = event.referral();
        return r != null && r.getType() == ReferralEventType.RECRUITED && r.getUplineLeaderId() != null;
    }

    /** The parts a scored event's row is assembled from (every source but the leader, who assembles). */
    public static List<FeatureSource> expectedParts(PlatformEvent event) {
        List<FeatureSource> parts = new ArrayList<>(7);
        parts.add(FeatureSource.MEMBER);
        for (Identifier id : identifiers(event)) {
            parts.add(id.kind().source());
        }
        parts.add(FeatureSource.CATEGORY);
        parts.add(FeatureSource.PICKUP_POINT);
        if (event.order().getGroupBuyId() != null) {
            parts.add(FeatureSource.GROUP_BUY);
        }
        return parts;
    }
}
