package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.NONE;

import java.util.ArrayList;
import java.util.List;

/**
 * The accounts seen on one device, IP address or payment account, each with when it was last seen (oldest first) and
 * who brought it (老带新) if its signup on this identifier said so, for the kind's longest account window; and when the
 * paid orders on it that redeemed a coupon were paid, for the longest coupon window. A hot identifier (a
 * carrier NAT address shared by thousands) keeps only the {@link #MAX_ACCOUNTS} most recent accounts and coupon orders:
 * counts are exact up to that limit and read {@code MAX_ACCOUNTS + 1} ("more than the limit") beyond it.
 */
public final class IdentifierHistory {
    public static final int MAX_ACCOUNTS = 200;

    // public fields: Flink's POJO serializer (and its schema evolution) stores this class as it is
    public List<String> accounts = new ArrayList<>();
    public LongSeries lastSeen = new LongSeries();
    /** beside each account: the member who brought it, as its signup here named them; "" when none did */
    public List<String> referrers = new ArrayList<>();
    /** the newest last-seen time among accounts dropped for the limit */
    public long droppedLastSeen = NONE;
    /** when the paid orders on it that redeemed a coupon were paid (a farm's accounts each redeem one) */
    public LongSeries couponOrders = new LongSeries();
    /** the newest of the coupon orders dropped for the limit (a hot identifier keeps the {@link #MAX_ACCOUNTS} most recent) */
    public long droppedCouponOrder = NONE;

    /**
     * The account used the identifier at {@code t} (calls in canonical event order); {@code referredBy} is who brought
     * it when this sighting is its signup and names them ({@link FeatureRouting#referredBy}), else null;
     * {@code redeemsCoupon} when this sighting is a paid order that redeemed a coupon ({@link FeatureRouting#redeemsCoupon}).
     */
    public void see(String account, String referredBy, boolean redeemsCoupon, long t, IdentifierKind kind) {
        alignReferrers();
        if (redeemsCoupon) {
            couponOrders.add(t);
        }
        long couponRetention = kind.couponRetention();
        int dropCoupons = toDrop(couponOrders, t, couponRetention);
        if (dropCoupons > 0) {
            droppedCouponOrder = Math.max(droppedCouponOrder, newestDropped(couponOrders, dropCoupons, t, couponRetention));
            couponOrders.removeFirst(dropCoupons);
        }
        long retention = kind.retention();
        int at = accounts.indexOf(account);
        String referrer = referredBy != null ? referredBy : "";
        if (at >= 0) {
            accounts.remove(at);
            lastSeen.removeAt(at);
            String known = referrers.remove(at);
            referrer = referredBy != null ? referredBy : known;
        }
        accounts.add(account);
        lastSeen.add(t);
        referrers.add(referrer);
        int dropAccounts = toDrop(lastSeen, t, retention);
        if (dropAccounts > 0) {
            droppedLastSeen = Math.max(droppedLastSeen, newestDropped(lastSeen, dropAccounts, t, retention));
            accounts.subList(0, dropAccounts).clear();
            referrers.subList(0, dropAccounts).clear();
            lastSeen.removeFirst(dropAccounts);
        }
    }

    /** How many of the oldest times to drop: those out of the retention, then those beyond the limit. */
    private static int toDrop(LongSeries times, long t, long retention) {
        int expired = 0;
        while (expired < times.size() && times.get(expired) <= t - retention) {
            expired++;
        }
        return expired + Math.max(0, times.size() - expired - MAX_ACCOUNTS);
    }

    /** The newest of the dropped times still inside the retention (dropped for the limit), or {@code NONE}. */
    private static long newestDropped(LongSeries times, int dropped, long t, long retention) {
        long newest = times.get(dropped - 1);
        return newest > t - retention ? newest : NONE;
    }

    /** Distinct accounts seen in (t − window, t]; {@code MAX_ACCOUNTS + 1} when there were more than the limit. */
    public long accounts(long t, long window) {
        return capped(lastSeen, droppedLastSeen, t, window);
    }

    /** Coupon-redeeming paid orders in (t − window, t]; {@code MAX_ACCOUNTS + 1} when there were more than the limit. */
    public long couponOrders(long t, long window) {
        return capped(couponOrders, droppedCouponOrder, t, window);
    }

    private static long capped(LongSeries times, long newestDropped, long t, long window) {
        long n = times.countIn(t - window, t);
        return n == MAX_ACCOUNTS && newestDropped != NONE && newestDropped > t - window ? MAX_ACCOUNTS + 1 : n;
    }

    /**
     * Accounts seen in (t − window, t] that {@code account} brought or that brought {@code account}, as the signups
     * on this identifier named them: a referral reward paid inside one household, or one farm.
     */
    public long referralPairs(String account, long t, long window) {
        alignReferrers();
        int mine = accounts.lastIndexOf(account);
        String myReferrer = mine >= 0 ? referrers.get(mine) : "";
        long pairs = 0;
        for (int i = lastSeen.size() - 1; i >= 0 && lastSeen.get(i) > t - window; i--) {
            if (i != mine && lastSeen.get(i) <= t && (referrers.get(i).equals(account) || accounts.get(i).equals(myReferrer))) {
                pairs++;
            }
        }
        return pairs;
    }

    /**
     * The part of {@code account}'s paid order's or refund's features this identifier gives: accounts per account window
     * of its kind, then coupon-redeeming orders per coupon window, then (where signups are seen) referral pairs over the
     * longest account window.
     */
    public double[] part(IdentifierKind kind, String account, long t) {
        long[] windows = kind.windows();
        long[] couponWindows = kind.couponWindows();
        double[] values = new double[windows.length + couponWindows.length + (kind.seesSignups() ? 1 : 0)];
        for (int i = 0; i < windows.length; i++) {
            values[i] = accounts(t, windows[i]);
        }
        for (int i = 0; i < couponWindows.length; i++) {
            values[windows.length + i] = couponOrders(t, couponWindows[i]);
        }
        if (kind.seesSignups()) {
            values[values.length - 1] = referralPairs(account, t, kind.retention());
        }
        return values;
    }

    /** State restored from before referrers were kept has none: each of its accounts is one nobody is known to have brought. */
    private void alignReferrers() {
        if (referrers == null) {
            referrers = new ArrayList<>();
        }
        while (referrers.size() < accounts.size()) {
            referrers.add(0, "");
        }
    }

    /** When nothing is left to count: the last sighting and the last coupon order have left their longest windows. */
    public long expiresAt(IdentifierKind kind) {
        long accountsEnd = lastSeen.isEmpty() ? NONE : lastSeen.last() + kind.retention();
        long couponsEnd = couponOrders.isEmpty() ? NONE : couponOrders.last() + kind.couponRetention();
        return Math.max(accountsEnd, couponsEnd);
    }
}
