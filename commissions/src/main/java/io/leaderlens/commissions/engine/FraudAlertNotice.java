package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

/**
 * One record of a fraud alert as the commission engine needs it. An alert is several records (it opens at its
 * first flagged event, is updated as more join, closes at the end of its period); HOLD_COMMISSION and BLOCK hold
 * the leader's commission from the record whose action first holds, until reviewed, and the score counts for
 * the leader's risk from each record that raised it.
 *
 * @param previousAction   the action the alert's record before this one named; null for its first record (and for
 *                         records of the one-record-per-alert format before the alert lifecycle)
 * @param previousMaxScore the max score the record before named; NaN when there was none
 * @param effectiveAt      when the change happened (event time)
 */
public record FraudAlertNotice(String alertId, String leaderId, String action, double maxScore, String reasons, long effectiveAt,
                               String previousAction, double previousMaxScore) implements java.io.Serializable {
    public FraudAlertNotice {
        requireNonNull(alertId, "alertId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(action, "action");
    }

    /** A record of the older format: the whole alert in one record, at the end of its period. */
    public FraudAlertNotice(String alertId, String leaderId, String action, double maxScore, String reasons, long effectiveAt) {
        this(alertId, leaderId, action, maxScore, reasons, effectiveAt, null, Double.NaN);
    }

    public boolean holdsCommission() {
        return holds(action);
    }

    /** This record makes the alert hold commission and the one before did not: the hold begins here. */
    public boolean beginsHold() {
        return holdsCommission() && !holds(previousAction);
    }

    /** This record names a higher score than the one before (or is the first): it counts for the leader's risk. */
    public boolean raisesScore() {
        return Double.isNaN(previousMaxScore) || maxScore > previousMaxScore;
    }

    private static boolean holds(String action) {
        return "HOLD_COMMISSION".equals(action) || "BLOCK".equals(action);
    }
}
