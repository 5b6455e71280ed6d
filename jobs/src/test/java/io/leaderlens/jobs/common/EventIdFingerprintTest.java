package io.leaderlens.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

class EventIdFingerprintTest {
    /** Guava's MurmurHash3 x64 128 (the copy Flink ships) is the reference: its bytes are the two halves, little-endian. */
    @Test
    void isMurmurHash3OfTheIdsUtf8BytesForEveryLengthAndAlphabet() {
        Random random = new Random(29);
        String alphabet = "abcXYZ0123456789-_:éü团长社区";
        long[] ours = new long[2];
        for (int length = 0; length <= 48; length++) {
            for (int n = 0; n < 50; n++) {
                StringBuilder id = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    id.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                EventIdFingerprint.of(id.toString(), ours);
                ByteBuffer guava = ByteBuffer.wrap(Hashing.murmur3_128().hashString(id, StandardCharsets.UTF_8).asBytes())
                        .order(ByteOrder.LITTLE_ENDIAN);
                assertThat(ours).as("fingerprint of %s", id).containsExactly(guava.getLong(0), guava.getLong(8));
            }
        }
    }
}
