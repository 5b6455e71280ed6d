package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.DAY;
import static io.leaderlens.features.FeatureTime.HOUR;
import static io.leaderlens.features.FeatureTime.WEEK;

/**
 * The identifiers accounts share when they are one person (or one farm): each with the windows its accounts are
 * counted over, and the windows its coupon-redeeming orders are counted over (an hour, a day and a week on every kind:
 * a farm spends its coupons in bursts and over days).
 */
public enum IdentifierKind {
    DEVICE(FeatureSource.DEVICE, new long[] {HOUR, DAY, WEEK}),
    IP(FeatureSource.IP, new long[] {DAY}),
    PAYMENT_ACCOUNT(FeatureSource.PAYMENT_ACCOUNT, new long[] {DAY, WEEK});

    private static final long[] COUPON_WINDOWS = {HOUR, DAY, WEEK};

    private final FeatureSource source;
    private final long[] windows;

    IdentifierKind(FeatureSource source, long[] windows) {
        this.source = source;
        this.windows = windows;
    }

    public FeatureSource source() {
        return source;
    }

    /** The windows its distinct accounts are counted over. */
    long[] windows() {
        return windows;
    }

    /** The windows its coupon-redeeming orders are counted over. */
    long[] couponWindows() {
        return COUPON_WINDOWS;
    }

    /** Whether signups show accounts on it (a payment account is first seen paying), and with them who brought each. */
    public boolean seesSignups() {
        return this != PAYMENT_ACCOUNT;
    }

    /** How long an account is remembered on the identifier: its longest account window. */
    public long retention() {
        return windows[windows.length - 1];
    }

    /** How long a coupon-redeeming order is remembered on it: the longest coupon window. */
    public long couponRetention() {
        return COUPON_WINDOWS[COUPON_WINDOWS.length - 1];
    }
}
