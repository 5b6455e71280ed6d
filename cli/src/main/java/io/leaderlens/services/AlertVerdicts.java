package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ledger.LeaderLedger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The risk team's verdicts on fraud alerts, published to the topic the commission job follows: RELEASE the
 * commission an alert held, or REVERSE it; the ledger records who and why.
 */
public final class AlertVerdicts {
    private final DecisionPublisher publisher;
    private final String topic;

    public AlertVerdicts(DecisionPublisher publisher, String topic) {
        this.publisher = requireNonNull(publisher, "publisher");
        this.topic = requireNonNull(topic, "topic");
    }

    public String topic() {
        return topic;
    }

    /** {@code {alert_id, leader_id, outcome, resolved_by, reason, resolved_at}}, keyed by the leader. */
    public void decide(String alertId, String leaderId, LeaderLedger.Outcome outcome, String by, String reason, long at) throws Exception {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("alert_id", requireNonNull(alertId, "alertId"));
        verdict.put("leader_id", requireNonNull(leaderId, "leaderId"));
        verdict.put("outcome", outcome.name());
        verdict.put("resolved_by", requireNonNull(by, "by"));
        verdict.put("reason", requireNonNull(reason, "reason"));
        verdict.put("resolved_at", at);
        publisher.publish(topic, leaderId, verdict);
    }
}
