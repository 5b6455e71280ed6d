package io.leaderlens.events;

import java.util.Comparator;

/**
 * The one order in which stateful logic applies events: by event time, then by event id. Training replays
 * history in this order and every streaming stage sorts what the watermark releases the same way, so a
 * feature computed per key in a parallel job equals the one computed offline over the whole history.
 */
public final class EventTimeOrder {
    public static final Comparator<PlatformEvent> EVENTS = Comparator.comparingLong(PlatformEvent::eventTime)
            .thenComparing(PlatformEvent::eventId);

    private EventTimeOrder() {}

    /** Compares two (time, id) pairs in the canonical order. */
    public static int compare(long timeA, String idA, long timeB, String idB) {
        int byTime = Long.compare(timeA, timeB);
        return byTime != 0 ? byTime : idA.compareTo(idB);
    }
}
