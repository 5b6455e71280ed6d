package io.leaderlens.commissions.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cent arithmetic of commissions, in one place: a rate applied to an amount is rounded once, half to
 * even (banker's rounding, so rounding errors do not drift one way over many entries), to whole cents.
 */
public final class CommissionMath {
    /** Scale of stored rates and factors: 0.000001 (a ten-thousandth of a percent). */
    public static final int RATE_SCALE = 6;

    private CommissionMath() {}

    /** {@code amountCents × rate}, rounded half-even to the cent; the sign follows the amount (clawbacks are negative). */
    public static long commissionCents(long amountCents, BigDecimal rate) {
        if (rate.signum() < 0) {
            throw new IllegalArgumentException("a commission rate cannot be negative: " + rate);
        }
        return BigDecimal.valueOf(amountCents).multiply(rate).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * The part of an order's commission base a refund takes back: the refund itself when the base is what was paid,
     * else its share of the base (a refund of half the paid amount takes back half the list amount), rounded down.
     */
    public static long refundedBaseCents(long refundCents, long baseCents, long paidCents) {
        if (baseCents == paidCents) {
            return refundCents;
        }
        if (paidCents <= 0 || refundCents >= paidCents) {
            return baseCents;
        }
        return Math.multiplyExact(refundCents, baseCents) / paidCents; // both at most EventValidator's ceiling: no overflow
    }

    /** A rate or factor at the stored scale. */
    public static BigDecimal atRateScale(BigDecimal value) {
        return value.setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }
}
