package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.rules.ReferralRules;

/** Something to judge: a feature row for the models, or a binding a hard rule refused. Exactly one is set. */
public record FraudSignal(FeatureRow row, ReferralRules.Violation violation, String leaderId, String eventId, long eventTime) {
    public FraudSignal {
        if ((row == null) == (violation == null)) {
            throw new IllegalArgumentException("exactly one of row and violation must be set");
        }
    }
}
