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
                            BigDecimal rate, List<RateReason> reasons) implements java.io.Serializable {
    public EffectiveRate {
        requireNonNull(leaderId, "leaderId");
        requireNonNull(category, "category");
        requireNonNull(rateCardVersion, "rateCardVersion");
        requireNonNull(rate, "rate");
        reasons = List.copyOf(reasons);
    }

    /**
     * Whether the commission service should hear about this rate given the one it has: the rate moved by at
     * least {@code step}, or a reason came or went (a leader told "held for review" must hear when it lifts);
     * figures inside a reason's words moving do not count.
     */
    public boolean differsFrom(EffectiveRate published, BigDecimal step) {
        return published == null
                || rate.subtract(published.rate()).abs().compareTo(step) >= 0
                || !reasonCodes().equals(published.reasonCodes())
                || !rateCardVersion.equals(published.rateCardVersion());
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(RateReason::code).toList();
    }

    /** The reasons in words, joined for a table cell or a message. */
    public String reasonText() {
        return String.join("; ", reasons.stream().map(RateReason::words).toList());
    }
}
