package io.leaderlens.commissions.rates;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * The rate a leader earns on one category now, with every component and the reasons in words, so a leader
 * can be told exactly why: {@code rate = clamp(base × level × performance × risk)}.
 */
public record EffectiveRate(String leaderId, String category, String rateCardVersion, BigDecimal baseRate, String level,
                            BigDecimal levelMultiplier, BigDecimal performanceFactor, BigDecimal riskFactor,
                            BigDecimal rate, List<String> reasons) {
    public EffectiveRate {
        requireNonNull(leaderId, "leaderId");
        requireNonNull(category, "category");
        requireNonNull(rateCardVersion, "rateCardVersion");
        requireNonNull(rate, "rate");
        reasons = List.copyOf(reasons);
    }

    /**
     * Whether the commission service should hear about this rate given the one it has: the rate moved by at
     * least {@code step}, or the reasons changed (a leader told "held for review" must hear when it lifts).
     */
    public boolean differsFrom(EffectiveRate published, BigDecimal step) {
        return published == null
                || rate.subtract(published.rate()).abs().compareTo(step) >= 0
                || !reasons.equals(published.reasons())
                || !rateCardVersion.equals(published.rateCardVersion());
    }
}
