package io.leaderlens.models.alerts;

import static java.util.Objects.requireNonNull;

/** One reason for an alert: a feature, its value, how much it pushed the score, and the same in words. */
public record Reason(String feature, double value, double contribution, String words) {
    public Reason {
        requireNonNull(feature, "feature");
        requireNonNull(words, "words");
    }
}
