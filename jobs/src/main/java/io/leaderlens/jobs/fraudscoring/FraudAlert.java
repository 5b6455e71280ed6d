package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.models.alerts.AlertChange;
import io.leaderlens.models.alerts.OpenAlert;
import java.util.List;

/**
 * One change of an alert for the risk team: a leader's flagged events in one hour, grouped, with reasons and an
 * action. An alert id has one record per change (OPEN, UPDATED…, CLOSED), numbered by {@code revision}; the one
 * with the highest revision is the alert's state. {@code previousAction} and {@code previousMaxScore} are what
 * the record before said (null and NaN on OPEN). {@code subsidyAtRiskCents}: the discounts and points of its flagged
 * payments, each once — what the platform paid out to the activity the alert is about.
 */
public record FraudAlert(String alertId, String leaderId, long periodStart, long periodEnd, String status, int revision,
                         long openedAt, long changedAt, long count, double maxScore, String modelVersion, List<String> reasons,
                         String action, String previousAction, double previousMaxScore, boolean ruleViolation, List<String> subjects,
                         long subsidyAtRiskCents) {
    private static final int SUBJECTS_SHOWN = 20;

    public static String id(String leaderId, long periodStart) {
        return leaderId + "@" + periodStart;
    }

    public static FraudAlert of(String leaderId, OpenAlert alert, AlertChange change) {
        return new FraudAlert(id(leaderId, alert.periodStart), leaderId, alert.periodStart, alert.periodEnd, change.status().name(),
                change.revision(), alert.openedAt, change.changedAt(), alert.group.count, alert.group.maxScore, alert.group.modelVersion,
                alert.group.topReasons(), alert.group.action().name(),
                change.previousAction() == null ? null : change.previousAction().name(), change.previousMaxScore(),
                alert.group.ruleViolation, alert.group.subjects.stream().sorted().limit(SUBJECTS_SHOWN).toList(),
                alert.group.subsidyAtRiskCents);
    }

    public boolean closed() {
        return status.equals("CLOSED");
    }
}
