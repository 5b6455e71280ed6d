package io.leaderlens.jobs.fraudscoring;

import java.util.List;

/** One alert for the risk team: a leader's flagged events in one hour, grouped, with reasons and an action. */
public record FraudAlert(String alertId, String leaderId, long periodStart, long periodEnd, long count, double maxScore,
                         String modelVersion, List<String> reasons, String action, boolean ruleViolation, List<String> subjects) {}
