package io.leaderlens.commissions.standing;

import io.leaderlens.commissions.rates.LeaderStanding;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderMetricsAccumulator;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One leader's trailing figures for the effective rate, kept incrementally from the leader's events in
 * event-time order over (t − 30 days, t]. What an event counts for (gross GMV, refunds, buyers, groups formed
 * and failed, poster scans and signups) and the ratios come from the one metric definition in
 * {@code core/…/metrics} — the same as the dashboards' — plus the fraud alerts on the leader (open holds,
 * the highest alert score of the last 7 days).
 */
public final class LeaderStandingTracker implements Serializable {
    public static final long DAY = 86_400_000L;
    public static final long TRAILING = 30 * DAY;
    public static final long RISK_TRAILING = 7 * DAY;

    /** What one event added, remembered until it leaves the window. */
    private record Contribution(long time, long grossCents, long refundCents, String buyer, long formed, long failed, long shares,
                                long scans, long signups) implements Serializable {}

    private final String leaderId;
    private final ArrayDeque<Contribution> window = new ArrayDeque<>();
    private long grossCents;
    private long refundCents;
    private long formed;
    private long failed;
    private long shares;
    private long scans;
    private long signups;
    private final Map<String, Integer> paymentsByBuyer = new HashMap<>();
    private final ArrayDeque<double[]> alertScores = new ArrayDeque<>(); // {time, max score}
    private int openHolds;
    private String city = "";

    public LeaderStandingTracker(String leaderId) {
        this.leaderId = leaderId;
    }

    /** Counts a platform event of the leader the way the leader metrics do. */
    public void accept(PlatformEvent event) {
        LeaderMetricsAccumulator one = new LeaderMetricsAccumulator().add(event, false);
        city = one.city;
        String buyer = one.buyers.isEmpty() ? null : one.buyers.iterator().next();
        Contribution c = new Contribution(event.eventTime(), one.grossGmvCents, one.refundCents, buyer, one.groupsFormed, one.groupsFailed,
                one.shares, one.scans, one.signups);
        if (c.equals(new Contribution(c.time(), 0, 0, null, 0, 0, 0, 0, 0))) {
            return; // counts for nothing (placed, picked up, ...): not worth keeping for 30 days
        }
        window.addLast(c);
        add(c, 1);
    }

    /** Any fraud alert on the leader: its score counts for 7 days. */
    public void alertSeen(long t, double maxScore) {
        alertScores.addLast(new double[] {t, maxScore});
    }

    /** An alert that holds commission opened / was resolved. */
    public void holdOpened() {
        openHolds++;
    }

    public void holdClosed() {
        openHolds = Math.max(0, openHolds - 1);
    }

    /** The standing at {@code t}: the events in (t − 30 days, t] (7 days for alert scores). */
    public LeaderStanding at(long t) {
        while (!window.isEmpty() && window.peekFirst().time() <= t - TRAILING) {
            add(window.removeFirst(), -1);
        }
        while (!alertScores.isEmpty() && alertScores.peekFirst()[0] <= t - RISK_TRAILING) {
            alertScores.removeFirst();
        }
        LeaderMetrics trailing = new LeaderMetrics(leaderId, city, LocalDate.EPOCH, t - TRAILING, t, grossCents, refundCents, 0,
                paymentsByBuyer.size(), 0, 0, formed, failed, shares, scans, signups, 0);
        double maxScore = 0;
        for (double[] a : alertScores) {
            maxScore = Math.max(maxScore, a[1]);
        }
        return new LeaderStanding(leaderId, trailing.netGmvCents(), (int) trailing.buyers(), orNaN(trailing.formationRate()),
                orNaN(trailing.signupRate()), openHolds, maxScore);
    }

    private void add(Contribution c, int sign) {
        grossCents += sign * c.grossCents();
        refundCents += sign * c.refundCents();
        formed += sign * c.formed();
        failed += sign * c.failed();
        shares += sign * c.shares();
        scans += sign * c.scans();
        signups += sign * c.signups();
        if (c.buyer() != null) {
            paymentsByBuyer.merge(c.buyer(), sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private static double orNaN(Double rate) {
        return rate == null ? Double.NaN : rate;
    }
}
