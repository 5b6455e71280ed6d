package io.leaderlens.commissions.standing;

import io.leaderlens.commissions.rates.LeaderStanding;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One leader's trailing figures for the effective rate, kept incrementally from the leader's events in
 * event-time order: 30-day net GMV, distinct paying members, group formation and poster conversion, and
 * the fraud alerts on the leader (open holds, and the highest alert score of the last 7 days).
 */
public final class LeaderStandingTracker implements Serializable {
    public static final long DAY = 86_400_000L;
    public static final long TRAILING = 30 * DAY;
    public static final long RISK_TRAILING = 7 * DAY;

    private final String leaderId;
    private final ArrayDeque<long[]> money = new ArrayDeque<>();        // {time, signed cents}
    private long netGmvCents;
    private final Map<String, Long> lastPaidByMember = new HashMap<>();
    private final ArrayDeque<Object[]> payments = new ArrayDeque<>();   // {time, member}: evicts members
    private final ArrayDeque<long[]> groups = new ArrayDeque<>();       // {time, formed 1 | failed 0}
    private long formed;
    private long failed;
    private final ArrayDeque<long[]> funnel = new ArrayDeque<>();       // {time, scan 1 | signup 0}
    private long scans;
    private long signups;
    private final ArrayDeque<double[]> alertScores = new ArrayDeque<>(); // {time, max score}
    private int openAlerts;

    public LeaderStandingTracker(String leaderId) {
        this.leaderId = leaderId;
    }

    public void paid(long t, String memberId, long amountCents) {
        money.addLast(new long[] {t, amountCents});
        netGmvCents += amountCents;
        lastPaidByMember.put(memberId, t);
        payments.addLast(new Object[] {t, memberId});
    }

    public void refunded(long t, long amountCents) {
        money.addLast(new long[] {t, -amountCents});
        netGmvCents -= amountCents;
    }

    public void groupEnded(long t, boolean formedGroup) {
        groups.addLast(new long[] {t, formedGroup ? 1 : 0});
        if (formedGroup) {
            formed++;
        } else {
            failed++;
        }
    }

    public void scanned(long t) {
        funnel.addLast(new long[] {t, 1});
        scans++;
    }

    public void signedUp(long t) {
        funnel.addLast(new long[] {t, 0});
        signups++;
    }

    /** Any fraud alert on the leader: its score counts for 7 days. */
    public void alertSeen(long t, double maxScore) {
        alertScores.addLast(new double[] {t, maxScore});
    }

    /** An alert that holds commission opened / was resolved. */
    public void holdOpened() {
        openAlerts++;
    }

    public void holdClosed() {
        openAlerts = Math.max(0, openAlerts - 1);
    }

    /** The standing at {@code t}: events in (t − 30 days, t] (7 days for scores). */
    public LeaderStanding at(long t) {
        evict(t);
        double formation = formed + failed == 0 ? Double.NaN : (double) formed / (formed + failed);
        double conversion = scans == 0 ? Double.NaN : Math.min(1.0, (double) signups / scans);
        double maxScore = 0;
        for (double[] a : alertScores) {
            maxScore = Math.max(maxScore, a[1]);
        }
        return new LeaderStanding(leaderId, netGmvCents, lastPaidByMember.size(), formation, conversion, openAlerts, maxScore);
    }

    private void evict(long t) {
        long from = t - TRAILING;
        while (!money.isEmpty() && money.peekFirst()[0] <= from) {
            netGmvCents -= money.removeFirst()[1];
        }
        while (!payments.isEmpty() && (long) payments.peekFirst()[0] <= from) {
            Object[] p = payments.removeFirst();
            lastPaidByMember.remove((String) p[1], p[0]); // only when this was the member's latest payment
        }
        while (!groups.isEmpty() && groups.peekFirst()[0] <= from) {
            if (groups.removeFirst()[1] == 1) {
                formed--;
            } else {
                failed--;
            }
        }
        while (!funnel.isEmpty() && funnel.peekFirst()[0] <= from) {
            if (funnel.removeFirst()[1] == 1) {
                scans--;
            } else {
                signups--;
            }
        }
        while (!alertScores.isEmpty() && alertScores.peekFirst()[0] <= t - RISK_TRAILING) {
            alertScores.removeFirst();
        }
    }
}
