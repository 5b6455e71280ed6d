package io.leaderlens.commissions.ratecard;

import io.leaderlens.events.DiscountKind;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a rate card from a properties file ({@code conf/rate-card.properties}) and checks all of it before
 * anything is used: every problem is reported at once, and an invalid card is refused as a whole.
 */
public final class RateCardParser {
    private static final BigDecimal ONE = BigDecimal.ONE;

    private RateCardParser() {}

    public static RateCard read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return parse(file.toString(), p);
    }

    public static RateCard parse(String source, Properties p) {
        List<String> problems = new ArrayList<>();
        Fields f = new Fields(p, problems);
        String version = f.text("version");
        Instant validFrom = f.instant("valid-from");

        Map<String, BigDecimal> base = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("base-rate.")) {
                BigDecimal rate = f.decimal(key);
                if (rate != null && (rate.signum() <= 0 || rate.compareTo(ONE) >= 0)) {
                    problems.add(key + " = " + rate + ": a base rate is a fraction between 0 and 1 (0.05 is 5%)");
                }
                base.put(key.substring("base-rate.".length()), rate);
            }
        }
        if (base.isEmpty()) {
            problems.add("no base-rate.<category> entries: every category needs a base rate");
        }

        List<RateCard.LeaderLevel> levels = new ArrayList<>();
        for (String name : f.list("levels")) {
            String prefix = "level." + name + ".";
            Long gmv = f.cents(prefix + "min-net-gmv-30d-cents");
            Integer members = f.integer(prefix + "min-active-members");
            BigDecimal multiplier = f.decimal(prefix + "multiplier");
            if (multiplier != null && multiplier.signum() <= 0) {
                problems.add(prefix + "multiplier = " + multiplier + ": must be positive");
            }
            if (gmv != null && members != null && multiplier != null) {
                levels.add(new RateCard.LeaderLevel(name, gmv, members, multiplier));
            }
        }
        if (levels.isEmpty() && problems.stream().noneMatch(m -> m.startsWith("levels"))) {
            problems.add("levels: at least one leader level is needed");
        }
        if (!levels.isEmpty() && levels.stream().noneMatch(l -> l.minNetGmv30dCents() == 0 && l.minActiveMembers() == 0)) {
            problems.add("levels: one level must start at 0 GMV and 0 members, so every leader has a level");
        }

        BigDecimal secondTier = f.fraction("second-tier-share");
        Long newMemberBonus = f.cents("bonus.new-member-cents");
        Long groupBonus = f.cents("bonus.group-opening-cents");
        CommissionBase commissionBase = CommissionBase.PAID; // the default: a card before schema v3 says nothing of it
        String baseName = p.getProperty("commission-base");
        if (baseName != null && !baseName.isBlank()) {
            try {
                commissionBase = CommissionBase.valueOf(baseName.trim());
            } catch (IllegalArgumentException e) {
                problems.add("commission-base = " + baseName.trim() + ": PAID or LIST");
            }
        }
        Set<DiscountKind> noBonusOn = EnumSet.noneOf(DiscountKind.class);
        String noBonus = p.getProperty("bonus.new-member.not-on-discounts");
        if (noBonus != null && !noBonus.isBlank()) {
            for (String kind : noBonus.trim().split("\\s*,\\s*")) {
                try {
                    noBonusOn.add(DiscountKind.valueOf(kind));
                } catch (IllegalArgumentException e) {
                    problems.add("bonus.new-member.not-on-discounts: " + kind + " is not a discount kind (" + List.of(DiscountKind.values()) + ")");
                }
            }
        }
        RateCard.Bounds rate = f.bounds("rate", true);
        RateCard.Bounds performance = f.bounds("performance-factor", false);
        RateCard.Bounds risk = f.bounds("risk-factor", false);
        if (risk != null && risk.cap().compareTo(ONE) > 0) {
            problems.add("risk-factor.cap = " + risk.cap() + ": risk may only lower a rate (cap at most 1)");
        }
        if (rate != null) {
            base.forEach((category, r) -> {
                if (r != null && (r.compareTo(rate.floor()) < 0 || r.compareTo(rate.cap()) > 0)) {
                    problems.add("base-rate." + category + " = " + r + " is outside rate.floor/cap [" + rate.floor() + ", " + rate.cap() + "]");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidRateCardException(source, problems);
        }
        return new RateCard(version, validFrom, base, levels, secondTier, newMemberBonus, groupBonus, commissionBase, noBonusOn, rate,
                performance, risk);
    }

    /** Reads typed fields, noting each missing or malformed one instead of stopping at the first. */
    private record Fields(Properties p, List<String> problems) {
        String text(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                problems.add(key + " is missing");
                return null;
            }
            return value.trim();
        }

        List<String> list(String key) {
            String value = text(key);
            return value == null ? List.of() : List.of(value.split("\\s*,\\s*"));
        }

        Instant instant(String key) {
            String value = text(key);
            try {
                return value == null ? null : Instant.parse(value);
            } catch (DateTimeParseException e) {
                problems.add(key + " = " + value + ": not an ISO instant like 2026-11-16T00:00:00Z");
                return null;
            }
        }

        BigDecimal decimal(String key) {
            String value = text(key);
            try {
                return value == null ? null : new BigDecimal(value);
            } catch (NumberFormatException e) {
                problems.add(key + " = " + value + ": not a decimal number");
                return null;
            }
        }

        BigDecimal fraction(String key) {
            BigDecimal value = decimal(key);
            if (value != null && (value.signum() < 0 || value.compareTo(ONE) > 0)) {
                problems.add(key + " = " + value + ": must be between 0 and 1");
            }
            return value;
        }

        Long cents(String key) {
            String value = text(key);
            try {
                long cents = value == null ? 0 : Long.parseLong(value);
                if (cents < 0) {
                    problems.add(key + " = " + value + ": cents cannot be negative");
                }
                return value == null ? null : cents;
            } catch (NumberFormatException e) {
                problems.add(key + " = " + value + ": not a whole number of cents");
                return null;
            }
        }

        Integer integer(String key) {
            Long value = cents(key);
            return value == null ? null : Math.toIntExact(value);
        }

        RateCard.Bounds bounds(String name, boolean isRate) {
            BigDecimal floor = isRate ? fraction(name + ".floor") : decimal(name + ".floor");
            BigDecimal cap = isRate ? fraction(name + ".cap") : decimal(name + ".cap");
            if (floor == null || cap == null) {
                return null;
            }
            if (floor.signum() < 0) {
                problems.add(name + ".floor = " + floor + ": cannot be negative");
            }
            if (floor.compareTo(cap) > 0) {
                problems.add(name + ".floor " + floor + " is above " + name + ".cap " + cap);
                return null;
            }
            return new RateCard.Bounds(floor, cap);
        }
    }
}
