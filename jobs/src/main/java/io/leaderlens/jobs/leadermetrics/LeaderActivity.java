package io.leaderlens.jobs.leadermetrics;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.PlatformEvent;

/** An on-time event of one leader, with whether it is a member's first paid order with that leader. */
public record LeaderActivity(PlatformEvent event, boolean firstOrder) {
    public LeaderActivity {
        requireNonNull(event, "event");
    }
}
