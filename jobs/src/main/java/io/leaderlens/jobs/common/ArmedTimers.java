package io.leaderlens.jobs.common;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.TimerService;

/**
 * The event-time timer a keyed function last registered for each key, so that a function arming the same timer
 * for many inputs of a key (one per leader and hour, or per leader and day) registers it once: every
 * registration is a lookup in the timer queue, a visible share of a job when done per event. Only a cache (not
 * checkpointed): a timer still ahead of the watermark is known to be armed; anything else is registered again,
 * which the timer service de-duplicates.
 */
public final class ArmedTimers<K> {
    private final Map<K, Long> armed = new HashMap<>();

    /** Registers an event-time timer at {@code time} for {@code key} (the current key) unless it is known to be armed. */
    public void arm(K key, long time, TimerService timers) {
        Long last = armed.get(key);
        if (last == null || last != time || time <= timers.currentWatermark()) {
            timers.registerEventTimeTimer(time);
            armed.put(key, time);
        }
    }

    /** The timer at {@code time} of {@code key} fired. */
    public void fired(K key, long time) {
        armed.remove(key, time);
    }
}
