package io.leaderlens.models.alerts;

import static java.util.Objects.requireNonNull;

/**
 * One change of an {@link OpenAlert}: its status, its revision (1 for OPEN, one more per change), when it
 * happened (event time), and what the action and max score were before it — null and NaN for OPEN — so a
 * consumer can tell from one record whether a hold begins ({@link RecommendedAction#holdsCommission()}
 * now and not before) or the score rose.
 */
public record AlertChange(AlertStatus status, int revision, long changedAt, RecommendedAction previousAction, double previousMaxScore) {
    public AlertChange {
        requireNonNull(status, "status");
        if (revision < 1) {
            throw new IllegalArgumentException("revision " + revision);
        }
        if ((status == AlertStatus.OPEN) != (previousAction == null)) {
            throw new IllegalArgumentException("only an opening change has no previous action");
        }
    }
}
