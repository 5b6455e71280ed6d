package io.leaderlens.jobs.types;

import io.leaderlens.jobs.common.SeenEventIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link SeenEventIds}: the number of buckets, then per bucket its forget time, its number of
 * ids and their fingerprints as one block of bytes. One write per bucket: the heap backend's snapshot stream takes a
 * call per byte otherwise, and writing event ids char by char was the largest part of the fraud job's checkpoints.
 */
public final class SeenEventIdsSerializer extends TypeSerializerSingleton<SeenEventIds> {
    public static final SeenEventIdsSerializer INSTANCE = new SeenEventIdsSerializer();

    /** More ids than a key could gather in a retention: the state is corrupt. */
    private static final int MAX_IDS = 1 << 26;

    private SeenEventIdsSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeenEventIds createInstance() {
        return new SeenEventIds();
    }

    @Override
    public SeenEventIds copy(SeenEventIds from) {
        return from.copy();
    }

    @Override
    public SeenEventIds copy(SeenEventIds from, SeenEventIds reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeenEventIds ids, DataOutputView target) throws IOException {
        Varints.write(ids.buckets().size(), target);
        for (SeenEventIds.Bucket bucket : ids.buckets()) {
            target.writeLong(bucket.forgetAt());
            Varints.write(bucket.size(), target);
            ByteBuffer bytes = ByteBuffer.allocate(16 * bucket.size());
            bucket.putFingerprints(bytes.asLongBuffer());
            target.write(bytes.array());
        }
    }

    @Override
    public SeenEventIds deserialize(DataInputView source) throws IOException {
        long buckets = Varints.read(source);
        if (buckets < 0 || buckets > MAX_IDS) {
            throw new IOException(buckets + " buckets of event ids: the state is corrupt or not seen event ids");
        }
        long[] forgetAt = new long[(int) buckets];
        long[][] fingerprints = new long[(int) buckets][];
        for (int b = 0; b < buckets; b++) {
            forgetAt[b] = source.readLong();
            long ids = Varints.read(source);
            if (ids < 0 || ids > MAX_IDS) {
                throw new IOException(ids + " event ids in a bucket: the state is corrupt or not seen event ids");
            }
            byte[] bytes = new byte[16 * (int) ids];
            source.readFully(bytes);
            fingerprints[b] = new long[2 * (int) ids];
            ByteBuffer.wrap(bytes).asLongBuffer().get(fingerprints[b]);
        }
        return SeenEventIds.of(forgetAt, fingerprints);
    }

    @Override
    public SeenEventIds deserialize(SeenEventIds reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SeenEventIds> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: the snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeenEventIds> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
