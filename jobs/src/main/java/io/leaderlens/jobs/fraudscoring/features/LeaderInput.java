package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.Retimable;
import static java.util.Objects.requireNonNull;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeaturePart;
import java.util.Comparator;

/**
 * What reaches a leader's history: one of the leader's events, another key's part of a scored event's
 * features, or the news that a binding of the leader was refused as a referral ring (the refused event's
 * time and id). Exactly one of {@code event}, {@code part} and {@code ring} is set.
 */
public record LeaderInput(String leaderId, String eventId, long eventTime, PlatformEvent event, FeaturePart part, boolean ring)
        implements Retimable<LeaderInput> {
    /** Same event: the event itself first, then its parts, then a ring flag it raised. */
    public static final Comparator<LeaderInput> TIES = Comparator.comparing(LeaderInput::eventId).thenComparingInt(LeaderInput::rank);

    public LeaderInput {
        requireNonNull(leaderId, "leaderId");
        requireNonNull(eventId, "eventId");
        if ((event != null ? 1 : 0) + (part != null ? 1 : 0) + (ring ? 1 : 0) != 1) {
            throw new IllegalArgumentException("exactly one of event, part and ring must be set");
        }
    }

    public static LeaderInput of(PlatformEvent event, String leaderId) {
        return new LeaderInput(leaderId, event.eventId(), event.eventTime(), event, null, false);
    }

    public static LeaderInput of(FeaturePart part) {
        return new LeaderInput(part.leaderId(), part.eventId(), part.eventTime(), null, part, false);
    }

    public static LeaderInput ring(String leaderId, String eventId, long eventTime) {
        return new LeaderInput(leaderId, eventId, eventTime, null, null, true);
    }

    /** The same input at a later {@code time}. */
    @Override
    public LeaderInput at(long time) {
        return new LeaderInput(leaderId, eventId, time, event == null ? null : event.at(time), part == null ? null : part.at(time), ring);
    }

    private int rank() {
        return event != null ? 0 : part != null ? 1 : 2;
    }
}
