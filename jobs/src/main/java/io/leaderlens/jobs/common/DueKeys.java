package io.leaderlens.jobs.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keys waiting for event time to reach a time of theirs, for an operator that acts on them when the watermark
 * passes (instead of a timer per key and time, whose queue costs more). It is derived from the keyed state —
 * the operator rebuilds it from that state when it opens — so it is never checkpointed. An entry may be stale
 * (its key moved on since): the operator checks its state before acting.
 */
public final class DueKeys<K> {
    /** What to do with a key whose time has come. */
    @FunctionalInterface
    public interface Action<K> {
        void apply(long time, K key) throws Exception;
    }

    private final TreeMap<Long, List<K>> byTime = new TreeMap<>();

    public void add(long time, K key) {
        byTime.computeIfAbsent(time, t -> new ArrayList<>(1)).add(key);
    }

    /**
     * Takes every entry at or before {@code now}, earliest first, and applies the action to each; entries the action
     * adds at or before {@code now} are taken too.
     */
    public void takeDue(long now, Action<K> action) throws Exception {
        for (Map.Entry<Long, List<K>> due = byTime.firstEntry(); due != null && due.getKey() <= now; due = byTime.firstEntry()) {
            byTime.pollFirstEntry();
            for (K key : due.getValue()) {
                action.apply(due.getKey(), key);
            }
        }
    }

    /** How many entries wait, stale ones included (for tests of an operator's end). */
    public int size() {
        return byTime.values().stream().mapToInt(List::size).sum();
    }
}
