package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.DAY;
import static io.leaderlens.features.FeatureTime.HOUR;
import static io.leaderlens.features.FeatureTime.IDLE_RETENTION;
import static io.leaderlens.features.FeatureTime.MINUTE;
import static io.leaderlens.features.FeatureTime.NONE;
import static io.leaderlens.features.FeatureTime.WEEK;

import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One leader as the fraud features see it: the leader's own device and IP (from the posters they share),
 * signups in the last hour, the last day's paid orders (from accounts under a day old, from shared devices, with a coupon,
 * paid mostly by subsidy, a new-user coupon redeemed by an account under a day old),
 * the last week's payments and refunds, and whether a binding of theirs was refused as a referral ring.
 * The leader's history is also where a paid order's or refund's row is assembled from the parts the
 * other keys sent.
 */
public final class LeaderHistory implements IdleHistory {
    private static final int YOUNG_BUYER = 1;
    private static final int SHARED_DEVICE = 2;
    private static final int REDEEMED_COUPON = 4;
    private static final int MOSTLY_SUBSIDISED = 8;
    private static final int YOUNG_NEW_USER_COUPON = 16;

    public long lastActivity = NONE;
    public String deviceId;
    public String ip;
    /** signup times of the last hour */
    public LongSeries signups = new LongSeries();
    /** paid orders of the last day: time, and flags (young buyer, shared device, redeemed coupon, mostly subsidised, young new-user coupon) */
    public LongSeries dayPayments = new LongSeries();
    public LongSeries dayPaymentFlags = new LongSeries();
    /** payments and refunds of the last week */
    public LongSeries weekPayments = new LongSeries();
    public LongSeries weekRefunds = new LongSeries();
    public boolean inReferralRing;

    @Override
    public boolean expired(long t) {
        return FeatureTime.idle(lastActivity, t, IDLE_RETENTION);
    }

    @Override
    public long expiresAt() {
        return lastActivity == NONE ? NONE : lastActivity + IDLE_RETENTION;
    }

    /** A binding of this leader was refused (referral loop or self-referral): later rows carry the ring flag. */
    public void markReferralRing(long t) {
        lastActivity = t;
        inReferralRing = true;
    }

    /**
     * Applies one of the leader's events (canonical order) and returns the rows it makes scorable: a paid order
     * scores the order (and the member, at their first payment), a refund scores the member. {@code parts} are
     * the other keys' parts of this event, by source; a missing one gets its source's defaults.
     */
    public List<FeatureRow> apply(PlatformEvent event, Map<FeatureSource, FeaturePart> parts) {
        long t = event.eventTime();
        lastActivity = t;
        if (event.referral() != null) {
            ReferralEvent r = event.referral();
            switch (r.getType()) {
                case POSTER_SHARED -> {
                    deviceId = r.getDeviceId() != null ? r.getDeviceId() : deviceId;
                    ip = r.getIp() != null ? r.getIp() : ip;
                }
                case SIGNED_UP -> {
                    signups.add(t);
                    int old = 0;
                    while (old < signups.size() && signups.get(old) < t - HOUR) {
                        old++;
                    }
                    signups.removeFirst(old);
                }
                default -> { }
            }
            return List.of();
        }
        OrderEvent order = event.order();
        if (order == null || !FeatureRouting.scored(event)) {
            return List.of();
        }
        FeaturePart member = parts.get(FeatureSource.MEMBER);
        long subsidy = subsidyCents(order);
        double subsidyShare = subsidyShare(subsidy, order.getListAmountCents());
        if (order.getType() == OrderEventType.PAID) {
            FeaturePart device = parts.get(FeatureSource.DEVICE);
            boolean young = member != null && member.values()[MemberHistory.YOUNG] == 1;
            boolean sharedDevice = device != null && device.values()[1] >= 2; // accounts on the device in the last day
            addWithin(dayPayments, t, DAY, dayPaymentFlags, (young ? YOUNG_BUYER : 0) | (sharedDevice ? SHARED_DEVICE : 0)
                    | (FeatureRouting.redeemsCoupon(event) ? REDEEMED_COUPON : 0) | (subsidyShare > 0.5 ? MOSTLY_SUBSIDISED : 0)
                    | (young && redeemsNewUserCoupon(order) ? YOUNG_NEW_USER_COUPON : 0));
            addWithin(weekPayments, t, WEEK, null, 0);
        } else {
            addWithin(weekRefunds, t, WEEK, null, 0);
        }
        double[] values = new double[FraudFeatures.NAMES.size()];
        values[FraudFeatures.index("amount_yuan")] = order.getAmountCents() / 100.0;
        values[FraudFeatures.index("is_refund")] = order.getType() == OrderEventType.REFUNDED ? 1 : 0;
        values[FraudFeatures.index("order_subsidy_share")] = subsidyShare;
        for (FeatureSource source : FeatureSource.values()) {
            if (source != FeatureSource.LEADER) {
                FeaturePart part = parts.get(source);
                source.fill(values, part == null ? null : part.values(), order.getAmountCents());
            }
        }
        FeatureSource.LEADER.fill(values, part(order, t), order.getAmountCents());
        String user = order.getUserId();
        List<FeatureRow> rows = new ArrayList<>(2);
        if (order.getType() == OrderEventType.PAID) {
            rows.add(new FeatureRow(FeatureRow.ORDER, order.getOrderId(), order.getEventId(), order.getLeaderId(), user, t, values, subsidy));
            if (member == null || member.values()[MemberHistory.FIRST_PAYMENT] == 1) {
                rows.add(new FeatureRow(FeatureRow.MEMBER, user, order.getEventId(), order.getLeaderId(), user, t, values, subsidy));
            }
        } else {
            rows.add(new FeatureRow(FeatureRow.MEMBER, user, order.getEventId(), order.getLeaderId(), user, t, values, 0));
        }
        return rows;
    }

    private double[] part(OrderEvent order, long t) {
        int youngBuyers = 0;
        int sharedDevices = 0;
        int couponOrders = 0;
        int mostlySubsidised = 0;
        int youngNewUserCoupons = 0;
        int dayOrders = 0;
        for (int i = 0; i < dayPayments.size(); i++) {
            long s = dayPayments.get(i);
            if (s > t - DAY && s <= t) {
                dayOrders++;
                long flags = dayPaymentFlags.get(i);
                youngBuyers += (flags & YOUNG_BUYER) != 0 ? 1 : 0;
                sharedDevices += (flags & SHARED_DEVICE) != 0 ? 1 : 0;
                couponOrders += (flags & REDEEMED_COUPON) != 0 ? 1 : 0;
                mostlySubsidised += (flags & MOSTLY_SUBSIDISED) != 0 ? 1 : 0;
                youngNewUserCoupons += (flags & YOUNG_NEW_USER_COUPON) != 0 ? 1 : 0;
            }
        }
        long paid = within(weekPayments, t, WEEK);
        return new double[] {
            order.getDeviceId().equals(deviceId) ? 1 : 0,
            order.getIp().equals(ip) ? 1 : 0,
            within(signups, t, 10 * MINUTE),
            dayOrders == 0 ? 0 : (double) youngBuyers / dayOrders,
            dayOrders == 0 ? 0 : (double) sharedDevices / dayOrders,
            paid == 0 ? 0 : (double) within(weekRefunds, t, WEEK) / paid,
            inReferralRing ? 1 : 0,
            dayOrders == 0 ? 0 : (double) couponOrders / dayOrders,
            dayOrders == 0 ? 0 : (double) mostlySubsidised / dayOrders,
            youngNewUserCoupons};
    }

    /** Whether the order line redeemed a new user's first-order coupon. */
    private static boolean redeemsNewUserCoupon(OrderEvent order) {
        for (var discount : order.getDiscounts()) {
            if (discount.getKind() == DiscountKind.NEW_USER_FIRST_ORDER) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the discounts and points took off the order line, as a share of its list amount: 0 for a full-price line and
     * for events from before the price breakdown (no list amount).
     */
    private static double subsidyShare(long subsidyCents, Long listCents) {
        return listCents == null || listCents <= 0 ? 0 : Math.min(1.0, (double) subsidyCents / listCents);
    }

    /** What the discounts and points took off the order line, in cents; 0 for events from before the price breakdown. */
    private static long subsidyCents(OrderEvent order) {
        if (order.getListAmountCents() == null) {
            return 0;
        }
        long off = order.getPointsValueCents();
        for (var discount : order.getDiscounts()) {
            off = Math.addExact(off, discount.getAmountCents());
        }
        return off;
    }

    private static void addWithin(LongSeries times, long t, long window, LongSeries flags, int flag) {
        times.add(t);
        if (flags != null) {
            flags.add(flag);
        }
        int old = 0;
        while (old < times.size() && times.get(old) <= t - window) {
            old++;
        }
        times.removeFirst(old);
        if (flags != null) {
            flags.removeFirst(old);
        }
    }

    private static long within(LongSeries times, long t, long window) {
        return times.countIn(t - window, t);
    }
}
