package io.leaderlens.features;

/** A history that starts over once its key has been idle for {@link FeatureTime#IDLE_RETENTION}. */
public interface IdleHistory {
    /** True when, at {@code t}, the history is to be treated as absent. */
    boolean expired(long t);

    /** When the history becomes expired unless something happens before. */
    long expiresAt();
}
