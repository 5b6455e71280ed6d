package io.leaderlens.commissions.ledger;

/** What a commission line pays for. */
public enum LineKind {
    /** The selling leader's share of an order line. */
    TIER1,
    /** The upline (recruiting) leader's share of the selling leader's tier-1 commission. */
    TIER2,
    /** Fixed bonus for a newly bound member's first confirmed order. */
    NEW_MEMBER_BONUS,
    /** Fixed bonus when a group buy the leader opened forms. */
    GROUP_OPENING_BONUS
}
