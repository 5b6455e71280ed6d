package io.leaderlens.commissions.standing;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.rates.LeaderStanding;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderMetricsAccumulator;
import java.time.LocalDate;

/**
 * One leader's trailing figures for the effective rate, kept incrementally from the leader's events in
 * event-time order over (t − 30 days, t]. What an event counts for (gross GMV, refunds, buyers, groups formed
 * and failed, poster scans and signups) and the ratios come from the one metric definition in
 * {@code core/…/metrics} — the same as the dashboards' — plus the fraud alerts on the leader (open holds,
 * the highest alert score of the last 7 days). The figures live in a {@link StandingWindow}.
 */
public final class LeaderStandingTracker {
    public static final long DAY = 86_400_000L;
    public static final long TRAILING = 30 * DAY;
    public static final long RISK_TRAILING = 7 * DAY;

    private final String leaderId;
    private final StandingWindow state;

    public LeaderStandingTracker(String leaderId) {
        this(leaderId, new StandingWindow());
    }

    public LeaderStandingTracker(String leaderId, StandingWindow state) {
        this.leaderId = requireNonNull(leaderId, "leaderId");
        this.state = requireNonNull(state, "state");
    }

    public StandingWindow state() {
        return state;
    }

    /** Counts a platform event of the leader the way the leader metrics do. */
    public void accept(PlatformEvent event) {
        LeaderMetricsAccumulator one = new LeaderMetricsAccumulator().add(event, false);
        state.city = one.city;
        String buyer = one.buyers.isEmpty() ? null : one.buyers.iterator().next();
        var c = new StandingWindow.Contribution(event.eventTime(), one.grossGmvCents, one.refundCents, buyer, one.groupsFormed,
                one.groupsFailed, one.shares, one.scans, one.signups);
        if (c.equals(new StandingWindow.Contribution(c.time(), 0, 0, null, 0, 0, 0, 0, 0))) {
            return; // counts for nothing (placed, picked up, ...): not worth keeping for 30 days
        }
        state.window.add(c);
        add(c, 1);
    }

    /** Any fraud alert on the leader: its score counts for 7 days. */
    public void alertSeen(long t, double maxScore) {
        state.alertScores.add(new StandingWindow.AlertScore(t, maxScore));
    }

    /** An alert that holds commission opened / was resolved. */
    public void holdOpened() {
        state.openHolds++;
    }

    public void holdClosed() {
        state.openHolds = Math.max(0, state.openHolds - 1);
    }

    /** The standing at {@code t}: the events in (t − 30 days, t] (7 days for alert scores). */
    public LeaderStanding at(long t) {
        int gone = 0;
        while (gone < state.window.size() && state.window.get(gone).time() <= t - TRAILING) {
            add(state.window.get(gone++), -1);
        }
        state.window.subList(0, gone).clear();
        int old = 0;
        while (old < state.alertScores.size() && state.alertScores.get(old).time() <= t - RISK_TRAILING) {
            old++;
        }
        state.alertScores.subList(0, old).clear();
        LeaderMetrics trailing = new LeaderMetrics(leaderId, state.city, LocalDate.EPOCH, t - TRAILING, t, state.grossCents,
                state.refundCents, 0, state.paymentsByBuyer.size(), 0, 0, state.formed, state.failed, state.shares, state.scans,
                state.signups, 0);
        double maxScore = 0;
        for (var a : state.alertScores) {
            maxScore = Math.max(maxScore, a.score());
        }
        return new LeaderStanding(leaderId, trailing.netGmvCents(), (int) trailing.buyers(), orNaN(trailing.formationRate()),
                orNaN(trailing.signupRate()), state.openHolds, maxScore);
    }

    private void add(StandingWindow.Contribution c, int sign) {
        state.grossCents += sign * c.grossCents();
        state.refundCents += sign * c.refundCents();
        state.formed += sign * c.formed();
        state.failed += sign * c.failed();
        state.shares += sign * c.shares();
        state.scans += sign * c.scans();
        state.signups += sign * c.signups();
        if (c.buyer() != null) {
            state.paymentsByBuyer.merge(c.buyer(), sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private static double orNaN(Double rate) {
        return rate == null ? Double.NaN : rate;
    }
}
