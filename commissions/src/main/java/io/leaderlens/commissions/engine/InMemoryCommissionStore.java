package io.leaderlens.commissions.engine;

import io.leaderlens.commissions.ledger.InMemoryLedgerStore;
import io.leaderlens.commissions.standing.StandingWindow;

/** A leader's commission state in memory: for tests and replays. */
public final class InMemoryCommissionStore extends InMemoryLedgerStore implements CommissionStore {
    private StandingWindow standing = new StandingWindow();
    private RateBook rates = new RateBook();

    @Override
    public StandingWindow standing() {
        return standing;
    }

    @Override
    public void putStanding(StandingWindow standing) {
        this.standing = standing;
    }

    @Override
    public RateBook rates() {
        return rates;
    }

    @Override
    public void putRates(RateBook rates) {
        this.rates = rates;
    }
}
