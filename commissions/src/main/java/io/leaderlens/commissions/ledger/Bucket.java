package io.leaderlens.commissions.ledger;

/**
 * Where a commission's cents are. Every ledger movement takes cents out of one bucket and puts them in
 * another (double entry), so each bucket's balance is the sum of its entries and the ledger always adds up.
 */
public enum Bucket {
    /** Earned at payment, not yet picked up. */
    PENDING,
    /** Picked up; waiting out the refund-protection window. */
    FROZEN,
    /** Window passed: payable at the next settlement. A refund after this is a negative CREDITED entry. */
    CREDITED,
    /** Covered by an open fraud alert; waits for the review. */
    HELD,
    /** Taken back by a refund. */
    CLAWED_BACK,
    /** Taken back by a fraud review. */
    REVERSED,
    /** Never earned: the order's group buy failed. */
    VOIDED;

    /** Buckets a commission can still leave. */
    public boolean open() {
        return this == PENDING || this == FROZEN || this == CREDITED || this == HELD;
    }
}
