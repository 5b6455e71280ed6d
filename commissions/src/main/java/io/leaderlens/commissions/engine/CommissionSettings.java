package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.rates.RateCalculator;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What every leader's commissions are computed with: the rate card (inside the calculator), the
 * refund-protection window, and the smallest rate move worth republishing.
 */
public record CommissionSettings(RateCalculator calculator, Duration protectionWindow, BigDecimal rateStep)
        implements java.io.Serializable {
    public CommissionSettings {
        requireNonNull(calculator, "calculator");
        requireNonNull(protectionWindow, "protectionWindow");
        requireNonNull(rateStep, "rateStep");
        if (protectionWindow.isNegative()) {
            throw new IllegalArgumentException("the refund-protection window cannot be negative: " + protectionWindow);
        }
    }
}
