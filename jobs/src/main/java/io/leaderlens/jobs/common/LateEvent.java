package io.leaderlens.jobs.common;

import static java.util.Objects.requireNonNull;

/**
 * A valid event that arrived after the watermark passed its time, so live windows no longer count it.
 * Kept whole (as its JSON line) for corrections and audits.
 */
public record LateEvent(String eventId, String kind, String leaderId, long eventTime, long watermark, String json) {
    public LateEvent {
        requireNonNull(eventId, "eventId");
        requireNonNull(kind, "kind");
        requireNonNull(json, "json");
    }
}
