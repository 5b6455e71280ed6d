package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

/**
 * Whether a binding stands, decided by the referral rules at binding time: a leader bound under an upline
 * (second tier) or a member bound to a leader (new-member bonus). Refused bindings (self-referral, a loop
 * in the leader tree) never earn.
 *
 * @param boundId the upline leader (UPLINE) or the member (MEMBER)
 */
public record BindingDecision(Kind kind, String leaderId, String boundId, boolean accepted, String reason, String eventId, long time)
        implements java.io.Serializable {
    public enum Kind { UPLINE, MEMBER }

    public BindingDecision {
        requireNonNull(kind, "kind");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(boundId, "boundId");
        requireNonNull(reason, "reason");
        requireNonNull(eventId, "eventId");
    }
}
