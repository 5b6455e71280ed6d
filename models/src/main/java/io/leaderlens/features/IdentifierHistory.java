package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.NONE;

import java.util.ArrayList;
import java.util.List;

/**
 * The accounts seen on one device, IP address or payment account, each with when it was last seen (oldest
 * first), for the kind's longest window. A hot identifier (a carrier NAT address shared by thousands) keeps
 * only the {@link #MAX_ACCOUNTS} most recent accounts: counts are exact up to that limit and read
 * {@code MAX_ACCOUNTS + 1} ("more than the limit") beyond it.
 */
public final class IdentifierHistory {
    public static final int MAX_ACCOUNTS = 200;

    // public fields: Flink's POJO serializer (and its schema evolution) stores this class as it is
    public List<String> accounts = new ArrayList<>();
    public List<Long> lastSeen = new ArrayList<>();
    /** the newest last-seen time among accounts dropped for the limit */
    public long droppedLastSeen = NONE;

    /** The account used the identifier at {@code t} (calls in canonical event order). */
    public void see(String account, long t, long retention) {
        int at = accounts.indexOf(account);
        if (at >= 0) {
            accounts.remove(at);
            lastSeen.remove(at);
        }
        accounts.add(account);
        lastSeen.add(t);
        while (!lastSeen.isEmpty() && lastSeen.get(0) <= t - retention) {
            accounts.remove(0);
            lastSeen.remove(0);
        }
        while (accounts.size() > MAX_ACCOUNTS) {
            droppedLastSeen = Math.max(droppedLastSeen, lastSeen.get(0));
            accounts.remove(0);
            lastSeen.remove(0);
        }
    }

    /** Distinct accounts seen in (t − window, t]; {@code MAX_ACCOUNTS + 1} when there were more than the limit. */
    public long accounts(long t, long window) {
        long n = 0;
        for (long seen : lastSeen) {
            if (seen > t - window && seen <= t) {
                n++;
            }
        }
        if (n == MAX_ACCOUNTS && droppedLastSeen != NONE && droppedLastSeen > t - window) {
            return MAX_ACCOUNTS + 1;
        }
        return n;
    }

    /** The part of a paid order's or refund's features this identifier gives: accounts per window of its kind. */
    public double[] part(IdentifierKind kind, long t) {
        long[] windows = kind.windows();
        double[] values = new double[windows.length];
        for (int i = 0; i < windows.length; i++) {
            values[i] = accounts(t, windows[i]);
        }
        return values;
    }

    /** When nothing is left to count: the last sighting has left the longest window. */
    public long expiresAt(long retention) {
        return lastSeen.isEmpty() ? NONE : lastSeen.get(lastSeen.size() - 1) + retention;
    }
}
