package io.leaderlens.commissions.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Cent rounding of commissions against an independent integer-only recomputation. */
class CommissionMathTest {

    /** amount × micros / 1e6, rounded half to even, with longs only (no BigDecimal). */
    private static long independently(long amountCents, long rateMicros) {
        long product = Math.multiplyExact(amountCents, rateMicros);
        long quotient = Math.floorDiv(product, 1_000_000L);
        long remainder = Math.floorMod(product, 1_000_000L); // 0..999,999, same sign convention as floorDiv
        if (remainder > 500_000L || (remainder == 500_000L && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }

    @Property(tries = 3_000)
    void roundsHalfToEvenToTheCent(@ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long amountCents,
                                   @ForAll @LongRange(min = 0, max = 300_000) long rateMicros) {
        BigDecimal rate = BigDecimal.valueOf(rateMicros, 6);
        assertThat(CommissionMath.commissionCents(amountCents, rate)).isEqualTo(independently(amountCents, rateMicros));
    }

    @Example
    void exactHalvesGoToTheEvenCent() {
        BigDecimal tenPercent = new BigDecimal("0.10");
        assertThat(CommissionMath.commissionCents(5, tenPercent)).isZero();       // 0.5 → 0
        assertThat(CommissionMath.commissionCents(15, tenPercent)).isEqualTo(2);  // 1.5 → 2
        assertThat(CommissionMath.commissionCents(-15, tenPercent)).isEqualTo(-2);
        assertThat(independently(25, 100_000)).isEqualTo(2);                      // the recomputation agrees: 2.5 → 2
    }

    @Property(tries = 2_000)
    void aFullClawbackCancelsTheCommissionExactly(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amountCents,
                                                  @ForAll @LongRange(min = 0, max = 300_000) long rateMicros) {
        BigDecimal rate = BigDecimal.valueOf(rateMicros, 6);
        assertThat(CommissionMath.commissionCents(amountCents, rate) + CommissionMath.commissionCents(-amountCents, rate)).isZero();
    }

    @Property(tries = 2_000)
    void theSecondTierNeverExceedsTheFirst(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long amountCents,
                                           @ForAll @LongRange(min = 0, max = 300_000) long rateMicros,
                                           @ForAll @LongRange(min = 0, max = 1_000_000) long shareMicros) {
        long tier1 = CommissionMath.commissionCents(amountCents, BigDecimal.valueOf(rateMicros, 6));
        long tier2 = CommissionMath.commissionCents(tier1, BigDecimal.valueOf(shareMicros, 6));
        assertThat(tier2).isBetween(0L, tier1);
        assertThat(tier2).isEqualTo(independently(tier1, shareMicros));
    }
}
