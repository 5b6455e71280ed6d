package io.leaderlens.commissions.rates;

import static io.leaderlens.commissions.rates.CommissionMath.atRateScale;
import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ratecard.RateCard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns a leader's standing into effective rates under a rate card. The performance and risk rules are
 * deliberately few and stated in words; every factor is clamped to the card's bounds, and so is the rate.
 */
public final class RateCalculator implements java.io.Serializable {
    /** Groups forming above this share earn a bonus factor; below the lower one a malus. */
    static final double GOOD_FORMATION = 0.6;
    static final double POOR_FORMATION = 0.3;
    static final BigDecimal FORMATION_BONUS = new BigDecimal("0.10");
    static final BigDecimal FORMATION_MALUS = new BigDecimal("-0.10");
    static final double GOOD_CONVERSION = 0.25;
    static final BigDecimal CONVERSION_BONUS = new BigDecimal("0.05");
    /** Risk: an open alert halves the rate; a high recent score without an alert trims it. */
    static final BigDecimal OPEN_ALERT_FACTOR = new BigDecimal("0.5");
    static final double ELEVATED_SCORE = 0.5;
    static final BigDecimal ELEVATED_SCORE_FACTOR = new BigDecimal("0.8");

    private final RateCard card;

    public RateCalculator(RateCard card) {
        this.card = requireNonNull(card, "card");
    }

    public RateCard card() {
        return card;
    }

    public EffectiveRate rate(LeaderStanding leader, String category) {
        return evaluate(leader, category, true);
    }

    /**
     * The same rate, components and reason codes as {@link #rate}, with empty words: enough to decide whether a
     * rate moved ({@link EffectiveRate#differsFrom}), which the commission job asks at nearly every order, while
     * formatting the words is most of an evaluation's cost.
     */
    public EffectiveRate rateWithoutWords(LeaderStanding leader, String category) {
        return evaluate(leader, category, false);
    }

    private EffectiveRate evaluate(LeaderStanding leader, String category, boolean words) {
        BigDecimal base = card.baseRate(category).orElseThrow(() -> new IllegalArgumentException(
                "rate card " + card.version() + " has no base rate for category " + category));
        Reasons reasons = new Reasons(words);
        RateCard.LeaderLevel level = card.levelFor(leader.netGmv30dCents(), leader.activeMembers());
        reasons.add("LEVEL_" + level.name().toUpperCase(Locale.ROOT), () -> String.format(Locale.ROOT,
                "level %s (30-day net GMV %.2f yuan, %d active members): ×%s",
                level.name(), leader.netGmv30dCents() / 100.0, leader.activeMembers(), level.multiplier().toPlainString()));

        BigDecimal performance = BigDecimal.ONE;
        if (leader.formationRate() >= GOOD_FORMATION) {
            performance = performance.add(FORMATION_BONUS);
            reasons.add("GOOD_FORMATION",
                    () -> percent("group buys forming", leader.formationRate()) + ": +" + FORMATION_BONUS.toPlainString());
        } else if (leader.formationRate() < POOR_FORMATION) {
            performance = performance.add(FORMATION_MALUS);
            reasons.add("POOR_FORMATION",
                    () -> percent("group buys forming", leader.formationRate()) + ": " + FORMATION_MALUS.toPlainString());
        }
        if (leader.conversionRate() >= GOOD_CONVERSION) {
            performance = performance.add(CONVERSION_BONUS);
            reasons.add("GOOD_CONVERSION",
                    () -> percent("poster scans converting", leader.conversionRate()) + ": +" + CONVERSION_BONUS.toPlainString());
        }
        BigDecimal performanceFactor = clampNoted(performance, card.performanceBounds(), "PERFORMANCE", reasons);

        BigDecimal risk = BigDecimal.ONE;
        if (leader.openFraudAlerts() > 0) {
            risk = risk.multiply(OPEN_ALERT_FACTOR);
            reasons.add("OPEN_FRAUD_ALERT",
                    () -> leader.openFraudAlerts() + " open fraud alert(s) under review: ×" + OPEN_ALERT_FACTOR.toPlainString());
        } else if (leader.maxFraudScore() >= ELEVATED_SCORE) {
            risk = risk.multiply(ELEVATED_SCORE_FACTOR);
            reasons.add("ELEVATED_FRAUD_SCORE", () -> String.format(Locale.ROOT,
                    "fraud score up to %.2f in the last 7 days: ×%s", leader.maxFraudScore(), ELEVATED_SCORE_FACTOR.toPlainString()));
        }
        BigDecimal riskFactor = clampNoted(risk, card.riskBounds(), "RISK", reasons);

        BigDecimal raw = base.multiply(level.multiplier()).multiply(performanceFactor).multiply(riskFactor);
        BigDecimal effective = atRateScale(card.rateBounds().clamp(raw));
        if (atRateScale(raw).compareTo(effective) != 0) {
            reasons.add(raw.compareTo(effective) > 0 ? "RATE_CAPPED" : "RATE_FLOORED",
                    () -> "rate " + atRateScale(raw).toPlainString() + " clamped to " + effective.toPlainString() + " by the rate card");
        }
        return new EffectiveRate(leader.leaderId(), category, card.version(), atRateScale(base), level.name(), atRateScale(level.multiplier()),
                atRateScale(performanceFactor), atRateScale(riskFactor), effective, reasons.list);
    }

    /** Reasons as they are found; their words are formatted only when asked for. */
    private static final class Reasons {
        private final boolean words;
        private final List<RateReason> list = new ArrayList<>();

        Reasons(boolean words) {
            this.words = words;
        }

        void add(String code, Supplier<String> text) {
            list.add(new RateReason(code, words ? text.get() : ""));
        }
    }

    private static BigDecimal clampNoted(BigDecimal value, RateCard.Bounds bounds, String factor, Reasons reasons) {
        BigDecimal clamped = bounds.clamp(value);
        if (clamped.compareTo(value) != 0) {
            reasons.add(factor + "_CLAMPED", () -> factor.toLowerCase(Locale.ROOT) + " factor " + value.toPlainString()
                    + " clamped to " + clamped.toPlainString());
        }
        return clamped;
    }

    private static String percent(String what, double share) {
        return String.format(Locale.ROOT, "%.0f%% %s", share * 100, what);
    }
}
