package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.HOUR;
import static io.leaderlens.features.FeatureTime.NONE;
import static io.leaderlens.features.FeatureTime.WEEK;

/**
 * A pickup point's recent outcomes, in two views:
 * <ul>
 *   <li>the last 7 days as they happen: paid orders and refund-only claims (refunds after pickup);</li>
 *   <li>its <em>settled</em> orders: those paid in hours that ended at least {@link #SETTLE_DELAY} ago, whose
 *       refund-protection window has closed, so whether they were claimed is known by now — kept per hour of
 *       payment, and read as the share of them claimed refund-only over the last 1, 7 and 30 days of settled
 *       hours. A claim counts against the hour its order was paid in. This is the "terminal risk with a delay" of
 *       card-fraud practice: a place where many settled orders turned bad is a place to watch, and the delay keeps
 *       outcomes that cannot be known yet out.</li>
 * </ul>
 */
public final class PickupHistory {
    /** An order's outcome is known once its refund-protection window (7 days after payment) has closed. */
    public static final long SETTLE_DELAY = WEEK;
    /** The settled windows, in hours, in the order of the features. */
    static final int[] SETTLED_WINDOW_HOURS = {24, 7 * 24, 30 * 24};
    private static final int LONGEST_SETTLED_HOURS = 30 * 24;
    /** Values of a part: the 7-day claim rate, then the claimed share of each settled window. */
    static final int WIDTH = 1 + SETTLED_WINDOW_HOURS.length;

    public LongSeries payments = new LongSeries();
    public LongSeries refundOnlyClaims = new LongSeries();
    /** hours (epoch millis / 1 h) in which orders were paid, ascending, with the orders paid and later claimed in each */
    public LongSeries paidHours = new LongSeries();
    public LongSeries paidInHour = new LongSeries();
    public LongSeries claimedInHour = new LongSeries();

    /** Applies a payment or refund (canonical order) and returns the point's part of its features. */
    public FeaturePart apply(PickupInput input) {
        long t = input.eventTime();
        forgetHoursOutOfWindows(t);
        if (!input.refund()) {
            add(payments, t);
            countPayment(Math.floorDiv(t, HOUR));
        } else if (input.afterPickup()) {
            add(refundOnlyClaims, t);
            if (input.paidAt() != NONE) {
                countClaim(Math.floorDiv(input.paidAt(), HOUR));
            }
        }
        double[] values = new double[WIDTH];
        long paid = inWindow(payments, t);
        values[0] = paid == 0 ? 0 : (double) inWindow(refundOnlyClaims, t) / paid;
        settled(t, values);
        return new FeaturePart(input.leaderId(), input.eventId(), t, FeatureSource.PICKUP_POINT, values);
    }

    public long expiresAt() {
        long last = Math.max(payments.isEmpty() ? NONE : payments.last(),
                refundOnlyClaims.isEmpty() ? NONE : refundOnlyClaims.last());
        long weekEnds = last == NONE ? NONE : last + WEEK;
        long settledEnds = paidHours.isEmpty() ? NONE : firstTimeOutside(paidHours.last());
        return Math.max(weekEnds, settledEnds);
    }

    /** The last settled hour at time t: the latest hour that ended at least {@link #SETTLE_DELAY} before t. */
    static long lastSettledHour(long t) {
        return Math.floorDiv(t - SETTLE_DELAY, HOUR) - 1;
    }

    /** The first time at which an hour of payments is outside even the longest settled window. */
    private static long firstTimeOutside(long hour) {
        // hour leaves the window once lastSettledHour(t) - LONGEST >= hour, i.e. floorDiv(t - delay, HOUR) >= hour + LONGEST + 1
        return (hour + LONGEST_SETTLED_HOURS + 1) * HOUR + SETTLE_DELAY;
    }

    private void settled(long t, double[] values) {
        long last = lastSettledHour(t);
        long[] orders = new long[SETTLED_WINDOW_HOURS.length];
        long[] claims = new long[SETTLED_WINDOW_HOURS.length];
        for (int i = paidHours.size() - 1; i >= 0; i--) {
            long hour = paidHours.get(i);
            if (hour > last) {
                continue;
            }
            if (hour <= last - LONGEST_SETTLED_HOURS) {
                break;
            }
            for (int w = 0; w < SETTLED_WINDOW_HOURS.length; w++) {
                if (hour > last - SETTLED_WINDOW_HOURS[w]) {
                    orders[w] += paidInHour.get(i);
                    claims[w] += claimedInHour.get(i);
                }
            }
        }
        for (int w = 0; w < SETTLED_WINDOW_HOURS.length; w++) {
            values[1 + w] = orders[w] == 0 ? 0 : (double) claims[w] / orders[w];
        }
    }

    private void countPayment(long hour) {
        int last = paidHours.size() - 1;
        if (last >= 0 && paidHours.get(last) == hour) {
            paidInHour.set(last, paidInHour.get(last) + 1);
            return;
        }
        int at = paidHours.binarySearch(hour);
        if (at >= 0) {
            paidInHour.set(at, paidInHour.get(at) + 1);
            return;
        }
        int insert = -at - 1;
        paidHours.insert(insert, hour);
        paidInHour.insert(insert, 1L);
        claimedInHour.insert(insert, 0L);
    }

    /** A claim counts against its order's hour while that hour is held; an hour already forgotten is out of every window. */
    private void countClaim(long hour) {
        int at = paidHours.binarySearch(hour);
        if (at >= 0) {
            claimedInHour.set(at, claimedInHour.get(at) + 1);
        }
    }

    private void forgetHoursOutOfWindows(long t) {
        long oldestKept = lastSettledHour(t) - LONGEST_SETTLED_HOURS;
        int drop = 0;
        while (drop < paidHours.size() && paidHours.get(drop) <= oldestKept) {
            drop++;
        }
        paidHours.removeFirst(drop);
        paidInHour.removeFirst(drop);
        claimedInHour.removeFirst(drop);
    }

    private static void add(LongSeries times, long t) {
        times.add(t);
        int old = 0;
        while (old < times.size() && times.get(old) <= t - WEEK) {
            old++;
        }
        times.removeFirst(old);
    }

    private static long inWindow(LongSeries times, long t) {
        return times.countIn(t - WEEK, t);
    }
}
