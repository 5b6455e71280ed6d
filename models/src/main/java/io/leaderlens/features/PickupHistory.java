package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.NONE;
import static io.leaderlens.features.FeatureTime.WEEK;

import java.util.ArrayList;
import java.util.List;

/** A pickup point's last 7 days: paid orders and refund-only claims (refunds after pickup). */
public final class PickupHistory {
    public List<Long> payments = new ArrayList<>();
    public List<Long> refundOnlyClaims = new ArrayList<>();

    /** Applies a payment or refund (canonical order) and returns the point's part of its features. */
    public FeaturePart apply(PickupInput input) {
        long t = input.eventTime();
        if (!input.refund()) {
            add(payments, t);
        } else if (input.afterPickup()) {
            add(refundOnlyClaims, t);
        }
        long paid = inWindow(payments, t);
        double rate = paid == 0 ? 0 : (double) inWindow(refundOnlyClaims, t) / paid;
        return new FeaturePart(input.leaderId(), input.eventId(), t, FeatureSource.PICKUP_POINT, new double[] {rate});
    }

    public long expiresAt() {
        long last = Math.max(payments.isEmpty() ? NONE : payments.get(payments.size() - 1),
                refundOnlyClaims.isEmpty() ? NONE : refundOnlyClaims.get(refundOnlyClaims.size() - 1));
        return last == NONE ? NONE : last + WEEK;
    }

    private static void add(List<Long> times, long t) {
        times.add(t);
        while (!times.isEmpty() && times.get(0) <= t - WEEK) {
            times.remove(0);
        }
    }

    private static long inWindow(List<Long> times, long t) {
        long n = 0;
        for (long s : times) {
            if (s > t - WEEK && s <= t) {
                n++;
            }
        }
        return n;
    }
}
