package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.DAY;
import static io.leaderlens.features.FeatureTime.HOUR;
import static io.leaderlens.features.FeatureTime.WEEK;

/** The identifiers accounts share when they are one person (or one farm): each with the windows it is counted over. */
public enum IdentifierKind {
    DEVICE(FeatureSource.DEVICE, HOUR, DAY, WEEK),
    IP(FeatureSource.IP, DAY),
    PAYMENT_ACCOUNT(FeatureSource.PAYMENT_ACCOUNT, DAY, WEEK);

    private final FeatureSource source;
    private final long[] windows;

    IdentifierKind(FeatureSource source, long... windows) {
        this.source = source;
        this.windows = windows;
    }

    public FeatureSource source() {
        return source;
    }

    long[] windows() {
        return windows;
    }

    /** Whether signups show accounts on it (a payment account is first seen paying), and with them who brought each. */
    public boolean seesSignups() {
        return this != PAYMENT_ACCOUNT;
    }

    /** How long an account is remembered on the identifier: the longest window. */
    public long retention() {
        return windows[windows.length - 1];
    }
}
