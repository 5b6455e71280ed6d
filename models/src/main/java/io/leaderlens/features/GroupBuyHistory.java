package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.GROUP_MEMORY;
import static io.leaderlens.features.FeatureTime.NONE;

/**
 * One group buy as the features see it: when it opened, how many joined and how many of them were accounts
 * under a day old, when the last one joined. Forgotten {@link FeatureTime#GROUP_MEMORY} after it closed (or
 * after its deadline, if it never closed); one opened before the data began is not known at all.
 */
public final class GroupBuyHistory {
    public long openedAt = NONE;
    public long deadline = NONE;
    public long closedAt = NONE;
    public long lastJoinAt = NONE;
    public int joiners;
    public int freshJoiners;

    public boolean known(long t) {
        return openedAt != NONE && t < expiresAt();
    }

    public long expiresAt() {
        if (openedAt == NONE) {
            return NONE;
        }
        return (closedAt != NONE ? closedAt : Math.max(deadline, openedAt)) + GROUP_MEMORY;
    }

    /** Applies one input (canonical order); an order gets the group's part of its features, anything else null. */
    public FeaturePart apply(GroupBuyInput input) {
        long t = input.eventTime();
        switch (input.kind()) {
            case OPENED -> {
                if (!known(t)) {
                    openedAt = t;
                    deadline = input.deadline();
                    closedAt = NONE;
                    lastJoinAt = NONE;
                    joiners = 0;
                    freshJoiners = 0;
                }
            }
            case JOINED -> {
                if (known(t)) {
                    joiners++;
                    lastJoinAt = t;
                    if (input.freshJoiner()) {
                        freshJoiners++;
                    }
                }
            }
            case CLOSED -> {
                if (known(t) && closedAt == NONE) {
                    closedAt = t;
                }
            }
            case ORDER -> {
                double[] values = known(t)
                        ? new double[] {freshJoiners, ((joiners == 0 ? t : lastJoinAt) - openedAt) / 1000.0}
                        : new double[] {0, -1};
                return new FeaturePart(input.leaderId(), input.eventId(), t, FeatureSource.GROUP_BUY, values);
            }
        }
        return null;
    }
}
