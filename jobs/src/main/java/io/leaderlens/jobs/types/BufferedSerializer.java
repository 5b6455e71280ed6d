package io.leaderlens.jobs.types;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes exactly the bytes another serializer writes, but into a buffer first and then to the target in one call. The
 * heap backend's full snapshot writes each state value to a stream that takes a synchronized call per byte
 * ({@code DataOutputStream.write}): two thirds of the fraud job's checkpoint time, and a checkpoint is where its
 * latency tail came from. A target that is in memory already (RocksDB's, the network's) is written to directly.
 *
 * <p>The bytes are the inner serializer's, so state written before the wrapper restores as it is: the snapshot resolves
 * an unwrapped snapshot of earlier builds by its inner serializer.
 */
public final class BufferedSerializer<T> extends TypeSerializer<T> {
    /** A buffer grown past this by a rare large value is dropped after it, not kept for every later one. */
    private static final int KEPT_BUFFER = 1 << 20;

    private final TypeSerializer<T> inner;
    /** per instance: Flink gives every thread its own {@link #duplicate()} of a stateful serializer */
    private transient DataOutputSerializer buffer;

    public BufferedSerializer(TypeSerializer<T> inner) {
        this.inner = requireNonNull(inner, "inner");
    }

    public TypeSerializer<T> inner() {
        return inner;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        if (target instanceof DataOutputSerializer) {
            inner.serialize(record, target);
            return;
        }
        if (buffer == null) {
            buffer = new DataOutputSerializer(256);
        }
        buffer.clear();
        inner.serialize(record, buffer);
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
        if (buffer.getSharedBuffer().length > KEPT_BUFFER) {
            buffer = null;
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return inner.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return inner.deserialize(reuse, source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        inner.copy(source, target);
    }

    @Override
    public boolean isImmutableType() {
        return inner.isImmutableType();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new BufferedSerializer<>(inner.duplicate()); // always a new one: the buffer is not shared between threads
    }

    @Override
    public T createInstance() {
        return inner.createInstance();
    }

    @Override
    public T copy(T from) {
        return inner.copy(from);
    }

    @Override
    public T copy(T from, T reuse) {
        return inner.copy(from, reuse);
    }

    @Override
    public int getLength() {
        return inner.getLength();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferedSerializer<?> that && inner.equals(that.inner);
    }

    @Override
    public int hashCode() {
        return inner.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** The inner serializer's snapshot, nested; an earlier build's unwrapped snapshot is resolved by the inner one. */
    public static final class Snapshot<T> extends CompositeTypeSerializerSnapshot<T, BufferedSerializer<T>> {
        public Snapshot() {}

        Snapshot(BufferedSerializer<T> serializer) {
            super(serializer);
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot) {
                return super.resolveSchemaCompatibility(oldSnapshot);
            }
            // written before the wrapper: the same bytes, by the serializer it wraps now
            TypeSerializerSnapshot<T> innerSnapshot = (TypeSerializerSnapshot<T>) getNestedSerializerSnapshots()[0];
            TypeSerializerSchemaCompatibility<T> compatibility = innerSnapshot.resolveSchemaCompatibility(oldSnapshot);
            return compatibility.isCompatibleWithReconfiguredSerializer()
                    ? TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
                            new BufferedSerializer<>(compatibility.getReconfiguredSerializer()))
                    : compatibility;
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(BufferedSerializer<T> outer) {
            return new TypeSerializer<?>[] {outer.inner};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected BufferedSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new BufferedSerializer<>((TypeSerializer<T>) nested[0]);
        }
    }
}
