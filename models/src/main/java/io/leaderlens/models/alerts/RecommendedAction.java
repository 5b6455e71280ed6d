package io.leaderlens.models.alerts;

/** What the risk team should do about an alert. */
public enum RecommendedAction {
    /** look at it; nothing is stopped */
    REVIEW,
    /** the leader's commissions on the covered orders are held until the alert is resolved */
    HOLD_COMMISSION,
    /** stop the account or binding */
    BLOCK;

    /**
     * Rule violations (referral loops, self-referral) block. Many flagged events for one leader, or a very
     * high score, hold the commission; a single moderate one asks for a review.
     */
    public static RecommendedAction of(double maxScore, long count, boolean ruleViolation) {
        if (ruleViolation) {
            return BLOCK;
        }
        if (count >= 3 || maxScore >= 0.9) {
            return HOLD_COMMISSION;
        }
        return REVIEW;
    }

    /** Commission is held while such an alert is open (until the risk team's verdict). */
    public boolean holdsCommission() {
        return this != REVIEW;
    }
}
