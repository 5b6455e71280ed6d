package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.models.alerts.AlertGroup;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a leader's flagged scores of one window into one {@link AlertGroup}. */
public final class GroupAlerts implements AggregateFunction<FraudScore, AlertGroup, AlertGroup> {
    @Override
    public AlertGroup createAccumulator() {
        return new AlertGroup();
    }

    @Override
    public AlertGroup add(FraudScore score, AlertGroup group) {
        return group.add(score.leaderId(), score.subject() + ":" + score.subjectId(), score.score(), score.modelVersion(),
                score.reasons(), score.rule() != null);
    }

    @Override
    public AlertGroup getResult(AlertGroup group) {
        return group;
    }

    @Override
    public AlertGroup merge(AlertGroup a, AlertGroup b) {
        return a.merge(b);
    }
}
