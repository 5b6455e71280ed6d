package io.leaderlens.jobs.common;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an {@link OrderedKeyedOperator} lets a key's live inputs through before the watermark passes them: an input
 * goes once it has waited {@code minWait} at its key (a reorder window for inputs of the same key that come by other
 * partitions or paths) and the function finds it complete ({@link OrderedKeyedFunction#complete}), or at the latest
 * when it has waited {@code maxWait}; always in the key's time order. Only inputs whose event time is within
 * {@code liveWithin} of the wall clock (either side) are live; others (a replay, a backlog after a restart, a skewed
 * producer clock) wait for the watermark as without early release, so the job's results on recorded data stay
 * those of event-time order.
 *
 * <p>The price: an input that reaches its key after a later one was let through is applied as if it happened at
 * that later time ({@link OrderedKeyedFunction#at}), so its features differ a little from the offline extractor's;
 * the operator counts such inputs ({@code inputsAppliedOutOfOrder}).
 */
public record EarlyRelease(Duration minWait, Duration maxWait, Duration liveWithin) implements java.io.Serializable {
    /** A maximum wait that never ends: an incomplete input waits for the watermark. */
    public static final Duration UNTIL_WATERMARK = Duration.ofMillis(Long.MAX_VALUE);

    public EarlyRelease {
        requireNonNull(minWait, "minWait");
        requireNonNull(maxWait, "maxWait");
        requireNonNull(liveWithin, "liveWithin");
        if (minWait.isNegative() || maxWait.compareTo(minWait) < 0 || liveWithin.isNegative() || liveWithin.isZero()) {
            throw new IllegalArgumentException("early release needs 0 ≤ minimum wait ≤ maximum wait and a positive live horizon, not "
                    + minWait + " / " + maxWait + " / " + liveWithin);
        }
    }

    /** Inputs go after {@code wait}, complete or not. */
    public static EarlyRelease after(Duration wait, Duration liveWithin) {
        return new EarlyRelease(wait, wait, liveWithin);
    }
}
