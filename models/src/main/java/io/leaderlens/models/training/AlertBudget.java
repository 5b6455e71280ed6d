package io.leaderlens.models.training;

import io.leaderlens.config.LeaderlensConfig;

/**
 * What the risk team can take: at most {@code maxAlertRate} of the scored subjects (orders, members) and at most
 * {@code reviewCapacityPerDay} alerts a day per model, and what an alert is worth — the commission a caught fraud
 * saves against what reviewing one alert costs. The alert threshold is chosen within it (never above it).
 */
public record AlertBudget(double maxAlertRate, long reviewCapacityPerDay, long caughtFraudValueCents, long reviewCostCents) {
    public AlertBudget {
        if (!(maxAlertRate > 0 && maxAlertRate <= 1)) {
            throw new IllegalArgumentException("fraud.max-alert-rate must be in (0, 1], got " + maxAlertRate);
        }
        if (reviewCapacityPerDay <= 0) {
            throw new IllegalArgumentException("fraud.review-capacity must be positive, got " + reviewCapacityPerDay);
        }
        if (caughtFraudValueCents <= 0 || reviewCostCents < 0) {
            throw new IllegalArgumentException("fraud.caught-fraud-value-cents must be positive and fraud.review-cost-cents not negative");
        }
    }

    public static AlertBudget from(LeaderlensConfig config) {
        try {
            return new AlertBudget(Double.parseDouble(config.get("fraud.max-alert-rate")), Long.parseLong(config.get("fraud.review-capacity")),
                    Long.parseLong(config.get("fraud.caught-fraud-value-cents")), Long.parseLong(config.get("fraud.review-cost-cents")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fraud.max-alert-rate, fraud.review-capacity, fraud.caught-fraud-value-cents and "
                    + "fraud.review-cost-cents must be numbers: " + e.getMessage(), e);
        }
    }

    /** The most alerts a period of {@code subjects} scored subjects over {@code days} may raise. */
    public long maxAlerts(long subjects, double days) {
        return Math.min((long) Math.floor(maxAlertRate * subjects), (long) Math.floor(reviewCapacityPerDay * days));
    }
}
