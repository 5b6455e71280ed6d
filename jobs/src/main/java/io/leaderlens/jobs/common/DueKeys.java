package io.leaderlens.jobs.common;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keys waiting for event time to reach a time of theirs, for an operator that acts on them when the watermark
 * passes (instead of a timer per key and time, whose queue costs more). It is derived from the keyed state —
 * the operator rebuilds it from that state when it opens — so it is never checkpointed. An entry may be stale
 * (its key moved on since): the operator checks its state before acting.
 *
 * <p>Entries are kept per second of their time, in two arrays each (times, keys): an ordered stage indexes about
 * one entry per input and keeps it until the watermark passes, a minute or more, so a tree node, a boxed time and a
 * list per distinct millisecond were a visible share of the fraud job's CPU and of what its young collections copied.
 * A second's entries are put in time order (stable) when they are taken.
 */
public final class DueKeys<K> {
    /** What to do with a key whose time has come. */
    @FunctionalInterface
    public interface Action<K> {
        void apply(long time, K key) throws Exception;
    }

    private static final long SPAN = 1_000;

    /** span start → the entries whose time falls in it */
    private final TreeMap<Long, Span> spans = new TreeMap<>();
    private final boolean distinct;
    private int size;

    /** Keys by exact times (the watermark's index: few keys per time). */
    public DueKeys() {
        this(false);
    }

    /** @param distinct the action applied to a key at most once per time (for coarse times that many inputs of one key share) */
    public DueKeys(boolean distinct) {
        this.distinct = distinct;
    }

    public void add(long time, K key) {
        spans.computeIfAbsent(time - Math.floorMod(time, SPAN), start -> new Span()).add(time, key);
        size++;
    }

    /** The earliest time an entry waits for, or {@link Long#MAX_VALUE} when none does. */
    public long first() {
        return spans.isEmpty() ? Long.MAX_VALUE : spans.firstEntry().getValue().earliest;
    }

    /**
     * Takes every entry at or before {@code now}, earliest first (entries of one time in the order they were added),
     * and applies the action to each; entries the action adds at or before {@code now} are taken too.
     */
    @SuppressWarnings("unchecked")
    public void takeDue(long now, Action<K> action) throws Exception {
        for (Map.Entry<Long, Span> first = spans.firstEntry(); first != null && first.getValue().earliest <= now;
                first = spans.firstEntry()) {
            Span span = first.getValue();
            Span due;
            if (first.getKey() + SPAN - 1 <= now) {
                spans.pollFirstEntry();
                due = span;
            } else {
                due = span.takeThrough(now);
                if (span.size == 0) {
                    spans.pollFirstEntry();
                }
            }
            size -= due.size;
            long[] order = due.timeOrder(first.getKey());
            Set<Object> appliedAtTime = distinct ? new HashSet<>() : null;
            long previous = Long.MIN_VALUE;
            for (long packed : order) {
                int i = (int) packed;
                long time = due.times[i];
                if (distinct) {
                    if (time != previous) {
                        appliedAtTime.clear();
                        previous = time;
                    }
                    if (!appliedAtTime.add(due.keys[i])) {
                        continue;
                    }
                }
                action.apply(time, (K) due.keys[i]);
            }
        }
    }

    /** How many entries wait, stale ones included (for tests of an operator's end). */
    public int size() {
        return size;
    }

    /** The entries of one span of time, in the order they were added. */
    private static final class Span {
        long[] times = new long[4];
        Object[] keys = new Object[4];
        int size;
        long earliest = Long.MAX_VALUE;

        void add(long time, Object key) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
            }
            times[size] = time;
            keys[size] = key;
            size++;
            earliest = Math.min(earliest, time);
        }

        /** Moves the entries at or before {@code now} into a span of their own, keeping the others here in order. */
        Span takeThrough(long now) {
            Span due = new Span();
            int kept = 0;
            long keptEarliest = Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (times[i] <= now) {
                    due.add(times[i], keys[i]);
                } else {
                    times[kept] = times[i];
                    keys[kept] = keys[i];
                    keptEarliest = Math.min(keptEarliest, times[i]);
                    kept++;
                }
            }
            Arrays.fill(keys, kept, size, null);
            size = kept;
            earliest = keptEarliest;
            return due;
        }

        /** The entries' indexes by time, then by the order they were added: (offset in the span) << 32 | index, sorted. */
        long[] timeOrder(long start) {
            long[] order = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = (times[i] - start) << 32 | i;
            }
            Arrays.sort(order);
            return order;
        }
    }
}
