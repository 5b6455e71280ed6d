package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ledger.LeaderLedger;

/** The risk team's verdict on an alert: RELEASE the held commission, or REVERSE it. Who, when and why are kept. */
public record AlertResolution(String alertId, String leaderId, LeaderLedger.Outcome outcome, String resolvedBy, String reason,
                              long resolvedAt) implements java.io.Serializable {
    public AlertResolution {
        requireNonNull(alertId, "alertId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(outcome, "outcome");
        requireNonNull(resolvedBy, "resolvedBy");
        requireNonNull(reason, "reason");
    }
}
