package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

/**
 * A fraud alert as the commission engine needs it. HOLD_COMMISSION and BLOCK alerts hold the leader's
 * commission until reviewed; every alert's score feeds the leader's risk factor.
 *
 * @param effectiveAt when the alert became known (the end of the period it groups)
 */
public record FraudAlertNotice(String alertId, String leaderId, String action, double maxScore, String reasons, long effectiveAt)
        implements java.io.Serializable {
    public FraudAlertNotice {
        requireNonNull(alertId, "alertId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(action, "action");
    }

    public boolean holdsCommission() {
        return action.equals("HOLD_COMMISSION") || action.equals("BLOCK");
    }
}
