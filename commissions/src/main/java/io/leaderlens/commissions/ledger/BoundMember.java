package io.leaderlens.commissions.ledger;

/** A member bound to the leader by a signup the referral rules let stand: their first pickup within the window earns the bonus. */
public record BoundMember(long boundAt, boolean bonusEarned) {}
