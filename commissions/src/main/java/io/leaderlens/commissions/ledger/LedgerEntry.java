package io.leaderlens.commissions.ledger;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One row of the append-only commission ledger: {@code amountCents} moved into (positive) or out of
 * (negative) {@code bucket} for one commission line, at {@code eventTime}, because of {@code cause}.
 * A transition writes two entries that sum to zero; an earning writes one positive PENDING (or HELD) entry.
 *
 * @param lineId       the commission line: {@code <kind>:<order or group id>:<beneficiary>}
 * @param beneficiary  the leader the cents belong to
 * @param sellingLeader the leader whose order or group earned them
 * @param sourceId     the order id (group id for a group-opening bonus)
 * @param baseCents    what the rate applied to (the order amount, the refund, or the tier-1 commission)
 * @param rate         the rate applied (null for fixed bonuses)
 * @param rateId       the published rate it was paid at ({@code <leader>|<category>#<n>}; null for bonuses)
 */
public record LedgerEntry(String entryId, String lineId, LineKind kind, String beneficiary, String sellingLeader,
                          String sourceId, String category, long baseCents, BigDecimal rate, String rateId, String rateCardVersion,
                          Bucket bucket, long amountCents, long eventTime, String cause, String reason) {
    public LedgerEntry {
        requireNonNull(entryId, "entryId");
        requireNonNull(lineId, "lineId");
        requireNonNull(kind, "kind");
        requireNonNull(beneficiary, "beneficiary");
        requireNonNull(sellingLeader, "sellingLeader");
        requireNonNull(sourceId, "sourceId");
        requireNonNull(bucket, "bucket");
        requireNonNull(cause, "cause");
    }
}
