package io.leaderlens.commissions.engine;

import io.leaderlens.commissions.ledger.LedgerStore;
import io.leaderlens.commissions.standing.StandingWindow;

/** Where one leader's commissions keep their state: the ledger's pieces, the trailing standing and the published rates. */
public interface CommissionStore extends LedgerStore {
    /** Never null: an empty window for a new leader. */
    StandingWindow standing();

    void putStanding(StandingWindow standing);

    /** Never null: an empty book for a new leader. */
    RateBook rates();

    void putRates(RateBook rates);
}
