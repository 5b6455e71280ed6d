package io.leaderlens.features;

import static java.util.Objects.requireNonNull;

/**
 * Features of one thing to score at one moment.
 *
 * @param subject   {@code order} (at payment) or {@code member} (at a new member's first payment, and at each refund)
 * @param subjectId the order id or the member's user id
 * @param eventId   the event that triggered the row
 * @param subsidyCents what the platform's discounts and points took off the paid order line of the event (0 for a refund
 *                  and for orders without a price breakdown): the subsidy an alert on it puts at risk
 */
public record FeatureRow(String subject, String subjectId, String eventId, String leaderId, String memberId, long eventTime,
                         double[] values, long subsidyCents) implements java.io.Serializable {
    public static final String ORDER = "order";
    public static final String MEMBER = "member";

    public FeatureRow {
        requireNonNull(subject, "subject");
        requireNonNull(subjectId, "subjectId");
        requireNonNull(values, "values");
        if (subsidyCents < 0) {
            throw new IllegalArgumentException("subsidy " + subsidyCents + " cents");
        }
        if (values.length != FraudFeatures.NAMES.size()) {
            throw new IllegalArgumentException("expected " + FraudFeatures.NAMES.size() + " features, got " + values.length);
        }
    }

    public double value(String feature) {
        return values[FraudFeatures.index(feature)];
    }
}
