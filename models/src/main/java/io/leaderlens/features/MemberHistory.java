package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.DAY;
import static io.leaderlens.features.FeatureTime.HOUR;
import static io.leaderlens.features.FeatureTime.IDLE_RETENTION;
import static io.leaderlens.features.FeatureTime.NONE;
import static io.leaderlens.features.FeatureTime.PICKUP_MEMORY;
import static io.leaderlens.features.FeatureTime.WEEK;

import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the platform knows about one member: when they scanned a poster, signed up and first paid, their
 * payments and refunds so far, and which of their orders were picked up (a refund after pickup is a
 * refund-only claim). Keyed by the member's user id.
 */
public final class MemberHistory implements IdleHistory {
    /** Account age read for a member whose signup the history does not hold (older than the data or the retention). */
    public static final double UNKNOWN_AGE_HOURS = 8_760;
    /** Extra values after the slots of a {@link FeatureSource#MEMBER} part. */
    public static final int YOUNG = FeatureSource.MEMBER.width();
    public static final int FIRST_PAYMENT = YOUNG + 1;
    /** The longest spending window: payments older than this are forgotten. */
    static final long SPENDING_WINDOW = 30 * DAY;

    public long lastActivity = NONE;
    public long scannedAt = NONE;
    public long signedUpAt = NONE;
    public long firstPaidAt = NONE;
    public long paidOrders;
    public long refunds;
    public long refundsAfterPickup;
    /** times of payments in the last 30 days, oldest first */
    public LongSeries recentPayments = new LongSeries();
    /** their amounts, in the same order */
    public LongSeries recentPaymentCents = new LongSeries();
    /**
     * The member's orders of the last {@link FeatureTime#PICKUP_MEMORY}, with when each was paid (a claim counts
     * against its payment's hour) and picked up (a refund after pickup is a claim); {@code NONE} where unknown.
     * Three parallel lists rather than two maps: a member's orders are few, and the heap backend's snapshots
     * write these for every member every checkpoint.
     */
    public List<String> orders = new ArrayList<>();
    public LongSeries orderPaidAt = new LongSeries();
    public LongSeries orderPickedUpAt = new LongSeries();

    /**
     * What one event of the member passes on to other keys: its part of a paid order's or refund's features,
     * the payment or refund for the pickup point (with whether it came after pickup), a group-buy join (with
     * whether the joiner is under a day old). Orders reach their group buy straight from the router.
     */
    public record Outcome(FeaturePart part, PickupInput pickup, GroupBuyInput groupBuy) {
        static final Outcome NOTHING = new Outcome(null, null, null);
    }

    /** The user id whose history an event belongs to, or null when it concerns no member. */
    public static String keyOf(PlatformEvent event) {
        if (event.order() != null) {
            return event.order().getUserId();
        }
        if (event.referral() != null) {
            return switch (event.referral().getType()) {
                case SCANNED, SIGNED_UP, LEADER_APPROVED -> event.referral().getUserId();
                default -> null;
            };
        }
        if (event.groupBuy() != null) {
            return event.groupBuy().getType() == GroupBuyEventType.JOINED ? event.groupBuy().getUserId() : null;
        }
        return null; // coupons: no member feature reads them yet
    }

    /** True once the member has been idle for the retention: the history then starts over. */
    @Override
    public boolean expired(long t) {
        return FeatureTime.idle(lastActivity, t, IDLE_RETENTION);
    }

    @Override
    public long expiresAt() {
        return lastActivity == NONE ? NONE : lastActivity + IDLE_RETENTION;
    }

    /** Applies one event (in canonical order) and returns what it sends on. */
    public Outcome apply(PlatformEvent event) {
        long t = event.eventTime();
        lastActivity = t;
        if (event.referral() != null) {
            ReferralEvent r = event.referral();
            switch (r.getType()) {
                case SCANNED -> scannedAt = scannedAt == NONE ? t : scannedAt;
                case SIGNED_UP -> signedUpAt = signedUpAt == NONE ? t : signedUpAt;
                default -> { }
            }
            return Outcome.NOTHING;
        }
        if (event.groupBuy() != null) {
            var g = event.groupBuy();
            return new Outcome(null, null, GroupBuyInput.joined(g.getGroupBuyId(), g.getLeaderId(), g.getEventId(), t, young(t)));
        }
        OrderEvent order = event.order();
        switch (order.getType()) {
            case CONFIRMED -> {
                forgetOldOrders(t);
                orderPickedUpAt.set(orderIndex(order.getOrderId()), t);
            }
            case PAID -> {
                paidOrders++;
                forgetOldOrders(t);
                orderPaidAt.set(orderIndex(order.getOrderId()), t);
                forgetOldPayments(t);
                double[] meansBefore = {meanPaidCents(t, WEEK), meanPaidCents(t, SPENDING_WINDOW)};
                recentPayments.add(t);
                recentPaymentCents.add(order.getAmountCents());
                firstPaidAt = firstPaidAt == NONE ? t : firstPaidAt;
                double[] values = part(t, NONE, order.getAmountCents(), meansBefore);
                values[YOUNG] = young(t) ? 1 : 0;
                values[FIRST_PAYMENT] = paidOrders == 1 ? 1 : 0;
                return new Outcome(new FeaturePart(order.getLeaderId(), order.getEventId(), t, FeatureSource.MEMBER, values),
                        PickupInput.of(order, false, t), null);
            }
            case REFUNDED -> {
                forgetOldOrders(t);
                int known = orders.indexOf(order.getOrderId());
                long paid = known < 0 ? NONE : remembered(orderPaidAt.get(known), t);
                long pickedUp = known < 0 ? NONE : remembered(orderPickedUpAt.get(known), t);
                boolean afterPickup = pickedUp != NONE;
                refunds++;
                if (afterPickup) {
                    refundsAfterPickup++;
                }
                forgetOldPayments(t);
                double[] means = {meanPaidCents(t, WEEK), meanPaidCents(t, SPENDING_WINDOW)};
                return new Outcome(new FeaturePart(order.getLeaderId(), order.getEventId(), t, FeatureSource.MEMBER,
                        part(t, pickedUp, order.getAmountCents(), means)),
                        PickupInput.of(order, afterPickup, paid), null);
            }
            default -> { }
        }
        return Outcome.NOTHING;
    }

    /** Signed up less than a day ago (a farmed account's typical age). */
    private boolean young(long t) {
        return signedUpAt != NONE && t - signedUpAt < DAY;
    }

    /** Mean amount paid in (t - window, t]; NaN without a payment there. */
    private double meanPaidCents(long t, long window) {
        long count = 0;
        long total = 0;
        for (int i = 0; i < recentPayments.size(); i++) {
            long p = recentPayments.get(i);
            if (p > t - window && p <= t) {
                count++;
                total += recentPaymentCents.get(i);
            }
        }
        return count == 0 ? Double.NaN : (double) total / count;
    }

    private void forgetOldPayments(long t) {
        int old = 0;
        while (old < recentPayments.size() && recentPayments.get(old) <= t - SPENDING_WINDOW) {
            old++;
        }
        recentPayments.removeFirst(old);
        recentPaymentCents.removeFirst(old);
    }

    private static double ratio(long amountCents, double meanCents) {
        return Double.isNaN(meanCents) || meanCents <= 0 ? 1 : amountCents / meanCents;
    }

    /** {@code pickedUpAt}: when the refunded order was picked up, {@code NONE} for a payment or a refund before pickup. */
    private double[] part(long t, long pickedUpAt, long amountCents, double[] meansBefore) {
        boolean afterPickup = pickedUpAt != NONE;
        double[] v = new double[FeatureSource.MEMBER.width() + 2];
        int i = 0;
        v[i++] = signedUpAt == NONE ? UNKNOWN_AGE_HOURS : Math.min(UNKNOWN_AGE_HOURS, (t - signedUpAt) / (double) HOUR);
        v[i++] = paidOrders;
        v[i++] = recentPayments.countIn(t - DAY, t);
        v[i++] = refunds;
        v[i++] = refundsAfterPickup;
        v[i++] = paidOrders == 0 ? 0 : (double) refunds / paidOrders;
        v[i++] = afterPickup ? 1 : 0;
        v[i++] = scannedAt == NONE || signedUpAt == NONE ? -1 : Math.max(0, (signedUpAt - scannedAt) / 1000.0);
        v[i++] = signedUpAt == NONE || firstPaidAt == NONE ? -1 : Math.max(0, (firstPaidAt - signedUpAt) / 1000.0);
        v[i++] = recentPayments.countIn(t - WEEK, t);
        v[i++] = ratio(amountCents, meansBefore[0]);
        v[i++] = ratio(amountCents, meansBefore[1]);
        v[i++] = afterPickup ? Math.max(0, t - pickedUpAt) / (double) HOUR : -1;
        return v;
    }

    /** A payment or pickup time while it is remembered at {@code t}, else {@code NONE}. */
    private static long remembered(long time, long t) {
        return time != NONE && time > t - PICKUP_MEMORY ? time : NONE;
    }

    /** Where the order is in the member's orders, added (with neither time known) if it is not there yet. */
    private int orderIndex(String orderId) {
        int at = orders.indexOf(orderId);
        if (at >= 0) {
            return at;
        }
        orders.add(orderId);
        orderPaidAt.add(NONE);
        orderPickedUpAt.add(NONE);
        return orders.size() - 1;
    }

    /** Forgets the orders neither paid nor picked up within the memory (their times read as unknown from then on). */
    private void forgetOldOrders(long t) {
        for (int i = orders.size() - 1; i >= 0; i--) {
            if (remembered(orderPaidAt.get(i), t) == NONE && remembered(orderPickedUpAt.get(i), t) == NONE) {
                orders.remove(i);
                orderPaidAt.removeAt(i);
                orderPickedUpAt.removeAt(i);
            }
        }
    }
}
