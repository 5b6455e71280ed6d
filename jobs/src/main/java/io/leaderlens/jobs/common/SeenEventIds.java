package io.leaderlens.jobs.common;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The event ids one key has passed, as {@link EventIdFingerprint fingerprints}, grouped by when they may be forgotten
 * (a bucket per forget time, usually one or two per key): forgetting is dropping a bucket, not a walk over the ids.
 * Each bucket is an open-addressing table of two longs per id, so a checkpoint writes it as one array and the heap
 * backend's copy-on-write copies it as one.
 */
public final class SeenEventIds {
    /** A new bucket's slots. A table is at most half full: a probe for an id that is not there ends after a slot or two. */
    private static final int MIN_SLOTS = 8;

    private final List<Bucket> buckets;

    public SeenEventIds() {
        this.buckets = new ArrayList<>(2);
    }

    private SeenEventIds(List<Bucket> buckets) {
        this.buckets = buckets;
    }

    /** Adds the id's fingerprint, to be forgotten at {@code forgetAt}; false if it was here already (a resend). */
    public boolean add(long high, long low, long forgetAt) {
        for (Bucket bucket : buckets) {
            if (bucket.contains(high, low)) {
                return false;
            }
        }
        bucketFor(forgetAt).insert(high, low);
        return true;
    }

    /** Forgets the ids whose forget time is at or before {@code time}. */
    public void forgetThrough(long time) {
        buckets.removeIf(bucket -> bucket.forgetAt <= time);
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** The number of ids kept. */
    public int size() {
        int size = 0;
        for (Bucket bucket : buckets) {
            size += bucket.size;
        }
        return size;
    }

    /** A deep copy (the heap backend copies a value it is writing to a checkpoint before it is changed). */
    public SeenEventIds copy() {
        List<Bucket> copies = new ArrayList<>(buckets.size());
        for (Bucket bucket : buckets) {
            Bucket copy = new Bucket(bucket.forgetAt, bucket.slots.clone(), bucket.size);
            copy.holdsZero = bucket.holdsZero;
            copies.add(copy);
        }
        return new SeenEventIds(copies);
    }

    /** The buckets, for a serializer: their forget times and fingerprints. */
    public List<Bucket> buckets() {
        return buckets;
    }

    /** Rebuilds a key's ids from what {@link #buckets()} gave: per bucket its forget time and fingerprints (high, low, …). */
    public static SeenEventIds of(long[] forgetAt, long[][] fingerprints) {
        List<Bucket> buckets = new ArrayList<>(forgetAt.length);
        for (int b = 0; b < forgetAt.length; b++) {
            long[] pairs = fingerprints[b];
            Bucket bucket = new Bucket(forgetAt[b], new long[2 * slotsFor(pairs.length / 2)], 0);
            for (int i = 0; i < pairs.length; i += 2) {
                bucket.insert(pairs[i], pairs[i + 1]);
            }
            buckets.add(bucket);
        }
        return new SeenEventIds(buckets);
    }

    private Bucket bucketFor(long forgetAt) {
        for (Bucket bucket : buckets) {
            if (bucket.forgetAt == forgetAt) {
                return bucket;
            }
        }
        Bucket bucket = new Bucket(forgetAt, new long[2 * MIN_SLOTS], 0);
        buckets.add(bucket);
        return bucket;
    }

    private static int slotsFor(int ids) {
        int slots = MIN_SLOTS;
        while (slots < 2 * ids) {
            slots <<= 1;
        }
        return slots;
    }

    /** The ids to be forgotten at one time. */
    public static final class Bucket {
        private final long forgetAt;
        /** two longs per slot, (0, 0) empty */
        private long[] slots;
        /** whether the fingerprint (0, 0), which marks an empty slot, is here */
        private boolean holdsZero;
        private int size;

        private Bucket(long forgetAt, long[] slots, int size) {
            this.forgetAt = forgetAt;
            this.slots = slots;
            this.size = size;
        }

        public long forgetAt() {
            return forgetAt;
        }

        public int size() {
            return size;
        }

        /** Puts the fingerprints into {@code into}, two longs each (high, low), in no particular order. */
        public void putFingerprints(LongBuffer into) {
            if (holdsZero) { // (0, 0) first
                into.put(0L).put(0L);
            }
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] != 0 || slots[i + 1] != 0) {
                    into.put(slots[i]).put(slots[i + 1]);
                }
            }
        }

        private boolean contains(long high, long low) {
            if (high == 0 && low == 0) {
                return holdsZero;
            }
            int mask = slots.length / 2 - 1;
            for (int slot = (int) high & mask; ; slot = (slot + 1) & mask) {
                long h = slots[2 * slot];
                long l = slots[2 * slot + 1];
                if (h == high && l == low) {
                    return true;
                }
                if (h == 0 && l == 0) {
                    return false;
                }
            }
        }

        private void insert(long high, long low) {
            if (high == 0 && low == 0) {
                if (!holdsZero) {
                    holdsZero = true;
                    size++;
                }
                return;
            }
            if (2 * (size + 1) > slots.length / 2) {
                long[] old = slots;
                slots = new long[2 * old.length];
                size = holdsZero ? 1 : 0;
                for (int i = 0; i < old.length; i += 2) {
                    if (old[i] != 0 || old[i + 1] != 0) {
                        insert(old[i], old[i + 1]);
                    }
                }
            }
            int mask = slots.length / 2 - 1;
            int slot = (int) high & mask;
            while (slots[2 * slot] != 0 || slots[2 * slot + 1] != 0) {
                if (slots[2 * slot] == high && slots[2 * slot + 1] == low) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = high;
            slots[2 * slot + 1] = low;
            size++;
        }
    }
}
