package io.leaderlens.jobs.fraudscoring;

import java.util.List;

/**
 * The judgement of one signal: the score and the model version that gave it, whether it is above the alert
 * threshold, and why, in words. Rule violations score 1 with the rule as their reason. {@code anomalyScore}
 * is the unsupervised detector's view (NaN when the model version has none, and for rule violations).
 * {@code featureSample} holds the row's feature values as JSON when the row is in the {@code FeatureSample}, else null.
 * {@code subsidyCents} is the subsidy of the payment scored (0 for refunds and rule violations).
 */
public record FraudScore(String subject, String subjectId, String eventId, String leaderId, long eventTime, double score,
                         double threshold, String modelVersion, boolean flagged, List<String> reasons, String rule,
                         double anomalyScore, String featureSample, long subsidyCents) {}
