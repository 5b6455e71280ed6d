package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.rates.EffectiveRate;

/**
 * A rate that changed enough to be published, in force from {@code validFrom} until the next one for its
 * leader and category; {@code version} counts them per leader and category, so ties in time stay ordered
 * and a ledger line names exactly the rate it was paid at ({@link #rateId()}).
 */
public record PublishedRate(EffectiveRate rate, long validFrom, int version) implements java.io.Serializable {
    public PublishedRate {
        requireNonNull(rate, "rate");
    }

    /** The feed's key: one latest value per leader and category. */
    public String key() {
        return rate.leaderId() + "|" + rate.category();
    }

    public String rateId() {
        return key() + "#" + version;
    }
}
