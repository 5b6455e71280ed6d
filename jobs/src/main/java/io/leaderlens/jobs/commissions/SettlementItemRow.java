package io.leaderlens.jobs.commissions;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.settlement.CreditedEntry;

/** A credited ledger entry as paid by one period's statement. */
public record SettlementItemRow(String period, CreditedEntry entry) {
    public SettlementItemRow {
        requireNonNull(period, "period");
        requireNonNull(entry, "entry");
    }
}
