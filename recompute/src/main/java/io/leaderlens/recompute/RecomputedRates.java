package io.leaderlens.recompute;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The effective rate as docs/commissions.md states it, computed from conf/rate-card.properties read as plain
 * properties — no production class (parser, card, calculator) involved, so the commission recomputation of the
 * ITs checks the formula too, not only the ledger around it.
 */
public final class RecomputedRates {
    /** A leader's standing over the windows the doc names; NaN when a rate has no denominator. */
    public record Standing(long netGmv30dCents, int activeMembers, double formationRate, double conversionRate, int openHolds,
                    double maxScore7d) {}

    /** An effective rate and the reason codes that explain it (a change of either is published). */
    public record Rate(BigDecimal rate, Set<String> reasonCodes) {}

    private record Level(String name, long minNetGmvCents, int minMembers, BigDecimal multiplier) {}

    public final String version;
    public final TreeMap<String, BigDecimal> baseRates = new TreeMap<>();
    public final BigDecimal secondTierShare;
    public final long newMemberBonusCents;
    /** {@code commission-base=LIST}: rates apply to the list amount of orders that have one (else what was paid). */
    public final boolean onListAmount;
    /** Discount kinds whose orders earn no new-member bonus. */
    public final java.util.Set<String> noNewMemberBonusOn = new java.util.HashSet<>();
    public final long groupOpeningBonusCents;
    private final List<Level> levels = new ArrayList<>();
    private final BigDecimal[] rateBounds;
    private final BigDecimal[] performanceBounds;
    private final BigDecimal[] riskBounds;

    private RecomputedRates(Properties p) {
        version = p.getProperty("version");
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("base-rate.")) {
                baseRates.put(key.substring("base-rate.".length()), new BigDecimal(p.getProperty(key).trim()));
            }
        }
        for (String name : p.getProperty("levels").split(",")) {
            String n = name.trim();
            levels.add(new Level(n, Long.parseLong(p.getProperty("level." + n + ".min-net-gmv-30d-cents").trim()),
                    Integer.parseInt(p.getProperty("level." + n + ".min-active-members").trim()),
                    new BigDecimal(p.getProperty("level." + n + ".multiplier").trim())));
        }
        secondTierShare = new BigDecimal(p.getProperty("second-tier-share").trim());
        newMemberBonusCents = Long.parseLong(p.getProperty("bonus.new-member-cents").trim());
        groupOpeningBonusCents = Long.parseLong(p.getProperty("bonus.group-opening-cents").trim());
        onListAmount = "LIST".equals(p.getProperty("commission-base", "PAID").trim());
        for (String kind : p.getProperty("bonus.new-member.not-on-discounts", "").split(",")) {
            if (!kind.isBlank()) {
                noNewMemberBonusOn.add(kind.trim());
            }
        }
        rateBounds = bounds(p, "rate");
        performanceBounds = bounds(p, "performance-factor");
        riskBounds = bounds(p, "risk-factor");
    }

    public static RecomputedRates read(Path rateCard) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(rateCard)) {
            p.load(in);
        }
        return new RecomputedRates(p);
    }

    public int levelCount() {
        return levels.size();
    }

    /**
     * rate = clamp(base × level × performance × risk), each factor clamped first, rounded half-even to 6 decimals:
     * the level is the one with the largest multiplier whose GMV and member thresholds are both met; performance
     * 1 +0.10 when ≥ 60% of group buys formed, −0.10 below 30%, +0.05 when ≥ 25% of poster scans signed up; risk
     * ×0.5 with an open hold, else ×0.8 when an alert scored ≥ 0.5 in the last 7 days.
     */
    public Rate rate(Standing s, String category) {
        Set<String> reasons = new TreeSet<>();
        Level level = levels.get(0);
        for (Level l : levels) {
            if (s.netGmv30dCents() >= l.minNetGmvCents() && s.activeMembers() >= l.minMembers() && l.multiplier().compareTo(level.multiplier()) >= 0) {
                level = l;
            }
        }
        reasons.add("LEVEL_" + level.name().toUpperCase(Locale.ROOT));
        BigDecimal performance = BigDecimal.ONE;
        if (s.formationRate() >= 0.6) {
            performance = performance.add(new BigDecimal("0.10"));
            reasons.add("GOOD_FORMATION");
        } else if (s.formationRate() < 0.3) {
            performance = performance.subtract(new BigDecimal("0.10"));
            reasons.add("POOR_FORMATION");
        }
        if (s.conversionRate() >= 0.25) {
            performance = performance.add(new BigDecimal("0.05"));
            reasons.add("GOOD_CONVERSION");
        }
        BigDecimal risk = BigDecimal.ONE;
        if (s.openHolds() > 0) {
            risk = new BigDecimal("0.5");
            reasons.add("OPEN_FRAUD_ALERT");
        } else if (s.maxScore7d() >= 0.5) {
            risk = new BigDecimal("0.8");
            reasons.add("ELEVATED_FRAUD_SCORE");
        }
        BigDecimal performanceFactor = clamp(performance, performanceBounds);
        if (performanceFactor.compareTo(performance) != 0) {
            reasons.add("PERFORMANCE_CLAMPED");
        }
        BigDecimal riskFactor = clamp(risk, riskBounds);
        if (riskFactor.compareTo(risk) != 0) {
            reasons.add("RISK_CLAMPED");
        }
        BigDecimal raw = baseRates.get(category).multiply(level.multiplier()).multiply(performanceFactor).multiply(riskFactor);
        BigDecimal rate = clamp(raw, rateBounds).setScale(6, RoundingMode.HALF_EVEN);
        int clamped = raw.setScale(6, RoundingMode.HALF_EVEN).compareTo(rate);
        if (clamped > 0) {
            reasons.add("RATE_CAPPED");
        } else if (clamped < 0) {
            reasons.add("RATE_FLOORED");
        }
        return new Rate(rate, reasons);
    }

    private static BigDecimal clamp(BigDecimal value, BigDecimal[] bounds) {
        return value.max(bounds[0]).min(bounds[1]);
    }

    private static BigDecimal[] bounds(Properties p, String prefix) {
        return new BigDecimal[] {new BigDecimal(p.getProperty(prefix + ".floor").trim()), new BigDecimal(p.getProperty(prefix + ".cap").trim())};
    }
}
