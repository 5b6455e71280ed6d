package io.leaderlens.features;

import java.util.Arrays;

/**
 * A sequence of primitive longs that grows at the end and is trimmed at the front: the event times (and their
 * companion counts) a feature history keeps for its windows. Histories hold millions of these values, so they
 * are kept unboxed — a {@code List<Long>} costs three times the memory, and every checkpoint of the heap state
 * backend writes each element through a serializer call of its own.
 *
 * <p>Removing from the front only moves a start index; the array is compacted when it has to grow.
 */
public final class LongSeries {
    private static final long[] EMPTY = new long[0];

    private long[] values;
    private int start;
    private int size;

    public LongSeries() {
        values = EMPTY;
    }

    private LongSeries(long[] values) {
        this.values = values;
        this.size = values.length;
    }

    /** A series holding {@code values} (copied). */
    public static LongSeries of(long... values) {
        return new LongSeries(values.clone());
    }

    /** A series that takes {@code values} over without copying (serializers, which build a fresh array). */
    public static LongSeries wrap(long[] values) {
        return new LongSeries(values);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long get(int index) {
        return values[start + checked(index)];
    }

    /** The last value; the series must not be empty. */
    public long last() {
        return get(size - 1);
    }

    public void set(int index, long value) {
        values[start + checked(index)] = value;
    }

    public void add(long value) {
        if (start + size == values.length) {
            makeRoom();
        }
        values[start + size++] = value;
    }

    /** Inserts {@code value} before the element at {@code index} ({@code index == size()} appends). */
    public void insert(int index, long value) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException("index " + index + " of a series of " + size);
        }
        if (start + size == values.length) {
            makeRoom();
        }
        int at = start + index;
        System.arraycopy(values, at, values, at + 1, size - index);
        values[at] = value;
        size++;
    }

    public void removeAt(int index) {
        int at = start + checked(index);
        if (index == 0) {
            start++;
        } else {
            System.arraycopy(values, at + 1, values, at, size - index - 1);
        }
        size--;
        if (size == 0) {
            start = 0;
        }
    }

    /** Drops the first {@code count} values. */
    public void removeFirst(int count) {
        if (count < 0 || count > size) {
            throw new IndexOutOfBoundsException("removing " + count + " of a series of " + size);
        }
        start += count;
        size -= count;
        if (size == 0) {
            start = 0;
        }
    }

    public void clear() {
        start = 0;
        size = 0;
    }

    /** How many values lie in {@code (from, to]}. */
    public int countIn(long from, long to) {
        int n = 0;
        for (int i = start, end = start + size; i < end; i++) {
            long v = values[i];
            if (v > from && v <= to) {
                n++;
            }
        }
        return n;
    }

    /** Where {@code key} is in an ascending series, as {@link Arrays#binarySearch(long[], long)} answers. */
    public int binarySearch(long key) {
        int found = Arrays.binarySearch(values, start, start + size, key);
        return found >= 0 ? found - start : found + start;
    }

    public long[] toArray() {
        return Arrays.copyOfRange(values, start, start + size);
    }

    public LongSeries copy() {
        return wrap(toArray());
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a series of " + size);
        }
        return index;
    }

    /** Moves the values to the front, or into an array twice the size when they fill more than half of it. */
    private void makeRoom() {
        if (size > 0 && size * 2 <= values.length) {
            System.arraycopy(values, start, values, 0, size);
        } else {
            values = Arrays.copyOfRange(values, start, start + Math.max(4, size * 2));
        }
        start = 0;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LongSeries that) || that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (values[start + i] != that.values[that.start + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start, end = start + size; i < end; i++) {
            h = 31 * h + Long.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
