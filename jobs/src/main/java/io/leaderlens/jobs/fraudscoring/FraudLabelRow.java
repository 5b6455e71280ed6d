package io.leaderlens.jobs.fraudscoring;

import static java.util.Objects.requireNonNull;

/**
 * A known outcome for a subject (order, member or leader): which fraud it was and since when, and where the
 * knowledge came from (a case review, a chargeback, the simulator's ground truth).
 */
public record FraudLabelRow(String subject, String subjectId, String scenario, long labelledAt, String source) {
    public FraudLabelRow {
        requireNonNull(subject, "subject");
        requireNonNull(subjectId, "subjectId");
        requireNonNull(scenario, "scenario");
        requireNonNull(source, "source");
    }
}
