package io.leaderlens.jobs.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
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

    private final TreeMap<Long, Collection<K>> byTime = new TreeMap<>();
    private final boolean distinct;

    /** Keys by exact times (the watermark's index: few keys per time, so a list each). */
    public DueKeys() {
        this(false);
    }

    /** @param distinct a key at most once per time (for coarse times that many inputs of one key share) */
    public DueKeys(boolean distinct) {
        this.distinct = distinct;
    }

    public void add(long time, K key) {
        byTime.computeIfAbsent(time, t -> distinct ? new LinkedHashSet<>() : new ArrayList<>(1)).add(key);
    }

    /** The earliest time an entry waits for, or {@link Long#MAX_VALUE} when none does. */
    public long first() {
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey();
    }

    /**
     * Takes every entry at or before {@code now}, earliest first, and applies the action to each; entries the action
     * adds at or before {@code now} are taken too.
     */
    public void takeDue(long now, Action<K> action) throws Exception {
        for (Map.Entry<Long, Collection<K>> due = byTime.firstEntry(); due != null && due.getKey() <= now; due = byTime.firstEntry()) {
            byTime.pollFirstEntry();
            for (K key : due.getValue()) {
                action.apply(due.getKey(), key);
            }
        }
    }

    /** How many entries wait, stale ones included (for tests of an operator's end). */
    public int size() {
        return byTime.values().stream().mapToInt(Collection::size).sum();
    }
}
