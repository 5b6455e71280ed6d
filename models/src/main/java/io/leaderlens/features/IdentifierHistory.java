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
    public LongSeries lastSeen = new LongSeries();
    /** the newest last-seen time among accounts dropped for the limit */
    public long droppedLastSeen = NONE;

    /** The account used the identifier at {@code t} (calls in canonical event order). */
    public void see(String account, long t, long retention) {
        int at = accounts.indexOf(account);
        if (at >= 0) {
            accounts.remove(at);
            lastSeen.removeAt(at);
        }
        accounts.add(account);
        lastSeen.add(t);
        int expired = 0;
        while (expired < lastSeen.size() && lastSeen.get(expired) <= t - retention) {
            expired++;
        }
        int excess = Math.max(0, accounts.size() - expired - MAX_ACCOUNTS);
        if (excess > 0) {
            droppedLastSeen = Math.max(droppedLastSeen, lastSeen.get(expired + excess - 1));
        }
        accounts.subList(0, expired + excess).clear();
        lastSeen.removeFirst(expired + excess);
    }

    /** Distinct accounts seen in (t − window, t]; {@code MAX_ACCOUNTS + 1} when there were more than the limit. */
    public long accounts(long t, long window) {
        long n = lastSeen.countIn(t - window, t);
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
        return lastSeen.isEmpty() ? NONE : lastSeen.last() + retention;
    }
}
