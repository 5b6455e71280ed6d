package io.leaderlens.commissions.ledger;

import java.math.BigDecimal;

/**
 * One commission line (a tier-1 or tier-2 share of an order, or a bonus) and where its cents are now. Public
 * fields: the commission job keeps lines inside their orders with a hand-written serializer (jobs'
 * LedgerOrderSerializer, whose test fails when a field is added here without it).
 */
public final class LedgerLine {
    public String lineId;
    public LineKind kind;
    public String beneficiary;
    public String sourceId;
    public String category;
    public long baseCents;
    public BigDecimal rate;
    public String rateId;
    public String rateCardVersion;
    public Bucket bucket;
    public long cents;
    /** where the line would be without the hold */
    public Bucket unheld;
    public long creditAt = Long.MAX_VALUE;
    public int movements;
    /** earning order within the leader's ledger (holds and releases move lines in this order) */
    public long seq;

    public LedgerLine() {}

    LedgerLine(String lineId, LineKind kind, String beneficiary, String sourceId, String category, long baseCents, BigDecimal rate,
               String rateId, String rateCardVersion, long seq) {
        this.lineId = lineId;
        this.kind = kind;
        this.beneficiary = beneficiary;
        this.sourceId = sourceId;
        this.category = category;
        this.baseCents = baseCents;
        this.rate = rate;
        this.rateId = rateId;
        this.rateCardVersion = rateCardVersion;
        this.seq = seq;
    }

    /** Still waiting for something (pickup, the window, a review): the order cannot be forgotten yet. */
    boolean unsettled() {
        return bucket == Bucket.PENDING || bucket == Bucket.FROZEN || bucket == Bucket.HELD;
    }
}
