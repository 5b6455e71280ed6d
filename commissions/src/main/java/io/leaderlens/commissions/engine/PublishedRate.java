package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.rates.EffectiveRate;

/** A rate that changed enough to be published, in force from {@code validFrom} until the next one for its leader and category. */
public record PublishedRate(EffectiveRate rate, long validFrom) implements java.io.Serializable {
    public PublishedRate {
        requireNonNull(rate, "rate");
    }

    /** The feed's key: one latest value per leader and category. */
    public String key() {
        return rate.leaderId() + "|" + rate.category();
    }
}
