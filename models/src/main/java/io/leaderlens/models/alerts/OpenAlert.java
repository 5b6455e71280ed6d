package io.leaderlens.models.alerts;

import java.util.List;

/**
 * One leader's alert for one period, from its first flagged event until the period ends. Every change is
 * described by an {@link AlertChange} (what the record says it was before), so a reader of the records alone
 * knows when a hold begins or a score rises. Mutable with public fields, so a stream processor keeps it as
 * typed keyed state.
 */
public final class OpenAlert {
    public long periodStart;
    public long periodEnd;
    public long openedAt;
    public long changedAt;
    public int revision;
    public AlertGroup group = new AlertGroup();

    public OpenAlert() {}

    public static OpenAlert forPeriod(long periodStart, long periodEnd) {
        if (periodEnd <= periodStart) {
            throw new IllegalArgumentException("period ends before it starts: " + periodStart + ".." + periodEnd);
        }
        OpenAlert alert = new OpenAlert();
        alert.periodStart = periodStart;
        alert.periodEnd = periodEnd;
        return alert;
    }

    /**
     * Folds one flagged event in (with the subsidy of the payment it scores). The first one opens the alert; each later one
     * updates it. Its time moves the
     * alert's clock forward only (flagged events of one period may arrive slightly out of order).
     */
    public AlertChange join(String leader, String subject, double score, String version, List<String> reasons, boolean rule,
                            long eventTime, String eventId, long subsidyCents) {
        if (eventTime < periodStart || eventTime >= periodEnd) {
            throw new IllegalArgumentException("event at " + eventTime + " is outside the period " + periodStart + ".." + periodEnd);
        }
        boolean first = revision == 0;
        RecommendedAction before = first ? null : group.action();
        double maxBefore = first ? Double.NaN : group.maxScore;
        group.add(leader, subject, score, version, reasons, rule, eventId, subsidyCents);
        openedAt = first ? eventTime : openedAt;
        changedAt = first ? eventTime : Math.max(changedAt, eventTime);
        revision++;
        return new AlertChange(first ? AlertStatus.OPEN : AlertStatus.UPDATED, revision, changedAt, before, maxBefore);
    }

    /** The period is over: the last record, at the period's end, with the final figures. */
    public AlertChange close() {
        if (revision == 0) {
            throw new IllegalStateException("an alert nothing joined cannot close");
        }
        revision++;
        changedAt = periodEnd;
        return new AlertChange(AlertStatus.CLOSED, revision, periodEnd, group.action(), group.maxScore);
    }
}
