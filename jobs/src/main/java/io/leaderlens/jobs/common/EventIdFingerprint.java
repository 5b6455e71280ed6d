package io.leaderlens.jobs.common;

import java.nio.charset.StandardCharsets;

/**
 * The 128-bit fingerprint of an event id (MurmurHash3 x64 128 of its UTF-8 bytes, seed 0): what de-duplication keeps
 * instead of the id. Two different ids of one leader within a retention share a fingerprint with a probability of
 * about n² / 2¹²⁹ (n ids kept; below 10⁻³⁰ for a leader with 10,000 events an hour), far below any failure of the
 * hardware, so a valid event is not taken for a resend in practice; the id's 16 bytes and two longs are what the state
 * holds and a checkpoint writes, instead of a string and a boxed time per id.
 */
public final class EventIdFingerprint {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private EventIdFingerprint() {}

    /** The fingerprint's two halves: {@code into[0]} and {@code into[1]}. */
    public static void of(String id, long[] into) {
        byte[] data = id.getBytes(StandardCharsets.UTF_8);
        int length = data.length;
        int blocks = length / 16;
        long h1 = 0;
        long h2 = 0;
        for (int i = 0; i < blocks; i++) {
            long k1 = littleEndian(data, i * 16, 8);
            long k2 = littleEndian(data, i * 16 + 8, 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        int rest = length - tail;
        if (rest > 8) {
            h2 ^= mixK2(littleEndian(data, tail + 8, rest - 8));
        }
        if (rest > 0) {
            h1 ^= mixK1(littleEndian(data, tail, Math.min(rest, 8)));
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        into[0] = h1;
        into[1] = h2;
    }

    private static long littleEndian(byte[] data, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (data[from + i] & 0xffL);
        }
        return value;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
