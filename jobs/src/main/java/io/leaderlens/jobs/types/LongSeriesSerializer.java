package io.leaderlens.jobs.types;

import io.leaderlens.features.LongSeries;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link LongSeries}: the length, then each value as the zig-zag varint of its
 * difference to the one before ({@link Varints}). The series in state are mostly ascending event times a few
 * seconds or minutes apart, so a value takes two or three bytes instead of a boxed element's nine, and the heap
 * backend's full snapshots write the feature histories in one loop per series instead of a call per element.
 */
public final class LongSeriesSerializer extends TypeSerializerSingleton<LongSeries> {
    public static final LongSeriesSerializer INSTANCE = new LongSeriesSerializer();

    private LongSeriesSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public LongSeries createInstance() {
        return new LongSeries();
    }

    @Override
    public LongSeries copy(LongSeries from) {
        return from.copy();
    }

    @Override
    public LongSeries copy(LongSeries from, LongSeries reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LongSeries series, DataOutputView target) throws IOException {
        int size = series.size();
        Varints.write(size, target);
        long previous = 0;
        for (int i = 0; i < size; i++) {
            long value = series.get(i);
            Varints.write(value - previous, target);
            previous = value;
        }
    }

    @Override
    public LongSeries deserialize(DataInputView source) throws IOException {
        long size = Varints.read(source);
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IOException("a series of " + size + " values: the state is corrupt or not a series");
        }
        long[] values = new long[(int) size];
        long previous = 0;
        for (int i = 0; i < values.length; i++) {
            previous += Varints.read(source);
            values[i] = previous;
        }
        return LongSeries.wrap(values);
    }

    @Override
    public LongSeries deserialize(LongSeries reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<LongSeries> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: the snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LongSeries> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
