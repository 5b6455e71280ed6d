package io.leaderlens.jobs.types;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Longs as zig-zag varints (7 bits a byte, small magnitudes of either sign in few bytes), for the hand-written
 * state serializers: amounts, counts and time differences take one to three bytes, epoch millis six.
 */
public final class Varints {
    private Varints() {}

    public static void write(long value, DataOutputView out) throws IOException {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.writeByte((int) (zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out.writeByte((int) zigzag);
    }

    public static long read(DataInputView in) throws IOException {
        long zigzag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            zigzag |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new IOException("a varint longer than 10 bytes: the state is corrupt");
    }
}
