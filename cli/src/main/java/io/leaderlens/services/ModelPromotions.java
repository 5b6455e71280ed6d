package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Switches the running fraud scoring job to a model version and/or an alert threshold without a restart: the
 * update goes to the topic the job follows, and the job records who, when and why in model_changes.
 */
public final class ModelPromotions {
    private final DecisionPublisher publisher;
    private final String topic;

    public ModelPromotions(DecisionPublisher publisher, String topic) {
        this.publisher = requireNonNull(publisher, "publisher");
        this.topic = requireNonNull(topic, "topic");
    }

    public String topic() {
        return topic;
    }

    /** {@code {subject, registry, version, threshold, changed_by, reason, changed_at}}, keyed by the subject. */
    public void promote(String subject, Path registry, int version, double threshold, String by, String reason) throws Exception {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("subject", requireNonNull(subject, "subject"));
        update.put("registry", registry.toString());
        update.put("version", version);
        update.put("threshold", threshold);
        update.put("changed_by", requireNonNull(by, "by"));
        update.put("reason", requireNonNull(reason, "reason"));
        update.put("changed_at", System.currentTimeMillis());
        publisher.publish(topic, subject, update);
    }
}
