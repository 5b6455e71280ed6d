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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
    public List<Long> recentPayments = new ArrayList<>();
    /** their amounts, in the same order (state written before amounts were kept has none: the windows start afresh) */
    public List<Long> recentPaymentCents = new ArrayList<>();
    /** order id → when it was picked up, for {@link FeatureTime#PICKUP_MEMORY} */
    public Map<String, Long> pickedUp = new HashMap<>();
    /** order id → when it was paid, for {@link FeatureTime#PICKUP_MEMORY}: a claim counts against its payment's hour */
    public Map<String, Long> paidAt = new HashMap<>();

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
        return event.groupBuy().getType() == GroupBuyEventType.JOINED ? event.groupBuy().getUserId() : null;
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
                forgetOld(pickedUp, t);
                pickedUp.put(order.getOrderId(), t);
            }
            case PAID -> {
                paidOrders++;
                forgetOld(paidAt, t);
                paidAt.put(order.getOrderId(), t);
                forgetOldPayments(t);
                double[] meansBefore = {meanPaidCents(t, WEEK), meanPaidCents(t, SPENDING_WINDOW)};
                recentPayments.add(t);
                recentPaymentCents.add(order.getAmountCents());
                firstPaidAt = firstPaidAt == NONE ? t : firstPaidAt;
                double[] values = part(t, false, order.getAmountCents(), meansBefore);
                values[YOUNG] = young(t) ? 1 : 0;
                values[FIRST_PAYMENT] = paidOrders == 1 ? 1 : 0;
                return new Outcome(new FeaturePart(order.getLeaderId(), order.getEventId(), t, FeatureSource.MEMBER, values),
                        PickupInput.of(order, false, t), null);
            }
            case REFUNDED -> {
                forgetOld(pickedUp, t);
                forgetOld(paidAt, t);
                Long pickedUpAt = pickedUp.get(order.getOrderId());
                Long paid = paidAt.get(order.getOrderId());
                boolean afterPickup = pickedUpAt != null;
                refunds++;
                if (afterPickup) {
                    refundsAfterPickup++;
                }
                forgetOldPayments(t);
                double[] means = {meanPaidCents(t, WEEK), meanPaidCents(t, SPENDING_WINDOW)};
                return new Outcome(new FeaturePart(order.getLeaderId(), order.getEventId(), t, FeatureSource.MEMBER,
                        part(t, afterPickup, order.getAmountCents(), means)),
                        PickupInput.of(order, afterPickup, paid == null ? NONE : paid), null);
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
        if (recentPaymentCents.size() != recentPayments.size()) {
            recentPayments.clear();
            recentPaymentCents.clear();
        }
        while (!recentPayments.isEmpty() && recentPayments.get(0) <= t - SPENDING_WINDOW) {
            recentPayments.remove(0);
            recentPaymentCents.remove(0);
        }
    }

    private static double ratio(long amountCents, double meanCents) {
        return Double.isNaN(meanCents) || meanCents <= 0 ? 1 : amountCents / meanCents;
    }

    private double[] part(long t, boolean afterPickup, long amountCents, double[] meansBefore) {
        double[] v = new double[FeatureSource.MEMBER.width() + 2];
        int i = 0;
        v[i++] = signedUpAt == NONE ? UNKNOWN_AGE_HOURS : Math.min(UNKNOWN_AGE_HOURS, (t - signedUpAt) / (double) HOUR);
        v[i++] = paidOrders;
        v[i++] = recentPayments.stream().filter(p -> p > t - DAY && p <= t).count();
        v[i++] = refunds;
        v[i++] = refundsAfterPickup;
        v[i++] = paidOrders == 0 ? 0 : (double) refunds / paidOrders;
        v[i++] = afterPickup ? 1 : 0;
        v[i++] = scannedAt == NONE || signedUpAt == NONE ? -1 : Math.max(0, (signedUpAt - scannedAt) / 1000.0);
        v[i++] = signedUpAt == NONE || firstPaidAt == NONE ? -1 : Math.max(0, (firstPaidAt - signedUpAt) / 1000.0);
        v[i++] = recentPayments.stream().filter(p -> p > t - WEEK && p <= t).count();
        v[i++] = ratio(amountCents, meansBefore[0]);
        v[i++] = ratio(amountCents, meansBefore[1]);
        return v;
    }

    private static void forgetOld(Map<String, Long> times, long t) {
        for (Iterator<Long> it = times.values().iterator(); it.hasNext(); ) {
            if (it.next() <= t - PICKUP_MEMORY) {
                it.remove();
            }
        }
    }
}
