package io.leaderlens.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.jobs.types.SeenEventIdsSerializer;
import java.io.IOException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SeenEventIdsTest {
    @Test
    void anIdIsNewOnceWhateverBucketItIsIn() {
        SeenEventIds ids = new SeenEventIds();
        assertThat(ids.add(1, 2, 100)).isTrue();
        assertThat(ids.add(1, 2, 100)).isFalse();
        assertThat(ids.add(1, 2, 200)).as("a resend forgotten later is still a resend").isFalse();
        assertThat(ids.add(1, 3, 200)).isTrue();
        assertThat(ids.add(0, 0, 200)).as("the fingerprint that marks an empty slot is kept too").isTrue();
        assertThat(ids.add(0, 0, 200)).isFalse();
        assertThat(ids.size()).isEqualTo(3);
    }

    @Test
    void forgetsWholeBucketsAtTheirTime() {
        SeenEventIds ids = new SeenEventIds();
        ids.add(1, 1, 100);
        ids.add(2, 2, 200);
        ids.forgetThrough(99);
        assertThat(ids.size()).isEqualTo(2);
        ids.forgetThrough(100);
        assertThat(ids.add(1, 1, 300)).as("forgotten").isTrue();
        assertThat(ids.add(2, 2, 300)).isFalse();
        ids.forgetThrough(300);
        assertThat(ids.isEmpty()).isTrue();
    }

    /** A set of the fingerprints themselves is the reference, over tables that grow many times and colliding slots. */
    @Test
    void agreesWithASetOverManyIdsAndSurvivesACopyAndTheSerializer() throws IOException {
        Random random = new Random(7);
        SeenEventIds ids = new SeenEventIds();
        Set<String> reference = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            long high = random.nextInt(1 << 12); // few distinct slots: long probe runs, and resends
            long low = random.nextInt(8);
            long forgetAt = 1_000 * (1 + random.nextInt(3));
            assertThat(ids.add(high, low, forgetAt)).isEqualTo(reference.add(high + "/" + low));
        }
        assertThat(ids.size()).isEqualTo(reference.size());

        SeenEventIds copy = ids.copy();
        copy.add(-1, -1, 1_000);
        assertThat(ids.add(-1, -1, 1_000)).as("a copy shares no table with its original").isTrue();

        DataOutputSerializer out = new DataOutputSerializer(64);
        SeenEventIdsSerializer.INSTANCE.serialize(ids, out);
        SeenEventIds back = SeenEventIdsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.size()).isEqualTo(ids.size());
        assertThat(back.buckets()).extracting(SeenEventIds.Bucket::forgetAt)
                .containsExactlyElementsOf(ids.buckets().stream().map(SeenEventIds.Bucket::forgetAt).toList());
        for (String id : reference) {
            String[] halves = id.split("/");
            assertThat(back.add(Long.parseLong(halves[0]), Long.parseLong(halves[1]), 9_999)).isFalse();
        }
        back.forgetThrough(1_000);
        assertThat(back.add(-1, -1, 9_999)).as("the bucket it was in went with its time").isTrue();
    }

    @Test
    void aCorruptCountIsAClearError() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f});
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SeenEventIdsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }
}
