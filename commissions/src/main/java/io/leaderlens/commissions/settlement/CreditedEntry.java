package io.leaderlens.commissions.settlement;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ledger.LineKind;

/** A CREDITED ledger entry not yet in any statement: positive when earned, negative when a refund took it back. */
public record CreditedEntry(String entryId, String leaderId, LineKind kind, long amountCents, long eventTime) {
    public CreditedEntry {
        requireNonNull(entryId, "entryId");
        requireNonNull(leaderId, "leaderId");
        requireNonNull(kind, "kind");
    }
}
