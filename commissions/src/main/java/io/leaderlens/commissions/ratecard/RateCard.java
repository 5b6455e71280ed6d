package io.leaderlens.commissions.ratecard;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commission rules in force from {@link #validFrom()}: a base rate per product category, leader levels
 * with their multipliers, the upline's second-tier share, the bonuses in cents, what a rate applies to (the paid or
 * the list amount) and which discounts forgo the new-member bonus, and the bounds every factor and the final rate are
 * clamped to. Rates and factors are exact decimals; money is integer cents.
 * Build one with {@link RateCardParser}, which refuses an invalid card as a whole.
 */
public record RateCard(
        String version,
        Instant validFrom,
        Map<String, BigDecimal> baseRates,
        List<LeaderLevel> levels,
        BigDecimal secondTierShare,
        long newMemberBonusCents,
        long groupOpeningBonusCents,
        CommissionBase commissionBase,
        Set<DiscountKind> noNewMemberBonusOn,
        Bounds rateBounds,
        Bounds performanceBounds,
        Bounds riskBounds) implements java.io.Serializable {

    /** A leader level reached with at least this trailing 30-day net GMV and this many active members. */
    public record LeaderLevel(String name, long minNetGmv30dCents, int minActiveMembers, BigDecimal multiplier)
            implements java.io.Serializable {
        public LeaderLevel {
            requireNonNull(name, "name");
            requireNonNull(multiplier, "multiplier");
        }
    }

    /** Inclusive floor and cap. */
    public record Bounds(BigDecimal floor, BigDecimal cap) implements java.io.Serializable {
        public Bounds {
            requireNonNull(floor, "floor");
            requireNonNull(cap, "cap");
        }

        public BigDecimal clamp(BigDecimal value) {
            return value.max(floor).min(cap);
        }
    }

    public RateCard {
        requireNonNull(version, "version");
        requireNonNull(validFrom, "validFrom");
        baseRates = Map.copyOf(baseRates);
        levels = levels.stream().sorted(Comparator.comparingLong(LeaderLevel::minNetGmv30dCents)
                .thenComparingInt(LeaderLevel::minActiveMembers)).toList();
        requireNonNull(secondTierShare, "secondTierShare");
        requireNonNull(commissionBase, "commissionBase");
        noNewMemberBonusOn = noNewMemberBonusOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(noNewMemberBonusOn));
        requireNonNull(rateBounds, "rateBounds");
        requireNonNull(performanceBounds, "performanceBounds");
        requireNonNull(riskBounds, "riskBounds");
    }

    /**
     * Whether an order earns its leader the new-member bonus at all: not when it carries a discount of a kind the card
     * names (a first order the platform already paid a new-user coupon for). The member's next order without one can.
     */
    public boolean earnsNewMemberBonus(OrderEvent order) {
        for (Discount discount : order.getDiscounts()) {
            if (noNewMemberBonusOn.contains(discount.getKind())) {
                return false;
            }
        }
        return true;
    }

    public Optional<BigDecimal> baseRate(String category) {
        return Optional.ofNullable(baseRates.get(category));
    }

    /** The highest level whose GMV and member thresholds are both met (the lowest level always is: it starts at 0). */
    public LeaderLevel levelFor(long netGmv30dCents, int activeMembers) {
        LeaderLevel reached = levels.get(0);
        for (LeaderLevel level : levels) {
            if (netGmv30dCents >= level.minNetGmv30dCents() && activeMembers >= level.minActiveMembers()
                    && level.multiplier().compareTo(reached.multiplier()) >= 0) {
                reached = level;
            }
        }
        return reached;
    }
}
