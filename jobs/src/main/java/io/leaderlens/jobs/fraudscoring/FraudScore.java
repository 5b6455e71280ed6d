package io.leaderlens.jobs.fraudscoring;

import java.util.List;

/**
 * The judgement of one signal: the score and the model version that gave it, whether it is above the alert
 * threshold, and why, in words. Rule violations score 1 with the rule as their reason.
 */
public record FraudScore(String subject, String subjectId, String eventId, String leaderId, long eventTime, double score,
                         double threshold, String modelVersion, boolean flagged, List<String> reasons, String rule) {}
