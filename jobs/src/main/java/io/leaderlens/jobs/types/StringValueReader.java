package io.leaderlens.jobs.types;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;

/**
 * Reads strings in Flink's {@code StringValue} format (a varint length plus one, 0 for null; then each char as a
 * 7-bit varint) into a buffer of its own, where {@code StringValue.readString} looks its buffer up in a
 * thread-local on every call (a visible share of deserialising an event with fifteen strings).
 *
 * <p>{@link #readRepeated} also returns the same instance for the same value while it stays in a small cache:
 * ids that repeat from event to event (leaders, cities, categories) are then one object, whose hash is computed
 * once and which the keyed state compares by identity instead of byte by byte — on the keyed-state lookups of
 * the per-leader stages, where following the stored key's bytes was a cache miss per lookup.
 *
 * <p>Not thread-safe: each serializer instance owns one (see {@link PlatformEventSerializer#duplicate()}).
 */
final class StringValueReader {
    private static final int HIGH_BIT = 0x80;
    private static final int CACHE_SLOTS = 1 << 13;

    private char[] chars = new char[64];
    private final String[] cache = new String[CACHE_SLOTS];
    /** each cached string's chars: compared in one vectorised call, where {@code charAt} checks every index */
    private final char[][] cachedChars = new char[CACHE_SLOTS][];

    /** A string that is usually new (event ids, members). */
    String read(DataInputView in) throws IOException {
        int length = readLength(in);
        if (length < 0) {
            return null;
        }
        readChars(in, length);
        return new String(chars, 0, length);
    }

    /** A string that usually repeats: the cached instance when its value was read recently. */
    String readRepeated(DataInputView in) throws IOException {
        int length = readLength(in);
        if (length < 0) {
            return null;
        }
        int hash = readChars(in, length);
        int slot = (hash ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
        char[] cached = cachedChars[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, chars, 0, length)) {
            return cache[slot];
        }
        String value = new String(chars, 0, length);
        cache[slot] = value;
        cachedChars[slot] = Arrays.copyOf(chars, length);
        return value;
    }

    /** The length of the next string, or -1 for null. */
    private static int readLength(DataInputView in) throws IOException {
        return readVarint(in, in.readUnsignedByte()) - 1;
    }

    /** Reads {@code length} chars into the buffer and returns their {@link String#hashCode()}. */
    private int readChars(DataInputView in, int length) throws IOException {
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        char[] buffer = chars;
        int hash = 0;
        for (int i = 0; i < length; i++) {
            int c = in.readUnsignedByte();
            if (c >= HIGH_BIT) {
                c = readVarint(in, c);
            }
            buffer[i] = (char) c;
            hash = 31 * hash + c;
        }
        return hash;
    }

    private static int readVarint(DataInputView in, int first) throws IOException {
        if (first < HIGH_BIT) {
            return first;
        }
        int value = first & 0x7f;
        int shift = 7;
        int next;
        while ((next = in.readUnsignedByte()) >= HIGH_BIT) {
            value |= (next & 0x7f) << shift;
            shift += 7;
        }
        return value | next << shift;
    }
}
