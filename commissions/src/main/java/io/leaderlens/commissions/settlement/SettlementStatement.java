package io.leaderlens.commissions.settlement;

import static java.util.Objects.requireNonNull;

/**
 * What one leader is paid for one period: the credited commission by kind, the adjustments (clawbacks of
 * commission credited before), and the payout, which is their sum and equals the sum of the statement's
 * ledger entries to the cent.
 */
public record SettlementStatement(String period, String leaderId, long tier1Cents, long tier2Cents, long bonusCents,
                                  long adjustmentCents, long payoutCents, int entries, long periodStart, long periodEnd,
                                  long settledAt) {
    public SettlementStatement {
        requireNonNull(period, "period");
        requireNonNull(leaderId, "leaderId");
        if (tier1Cents + tier2Cents + bonusCents + adjustmentCents != payoutCents) {
            throw new IllegalArgumentException("statement " + period + "/" + leaderId + " does not add up");
        }
    }
}
