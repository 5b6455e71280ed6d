package io.leaderlens.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.features.IdentifierHistory;
import io.leaderlens.features.LeaderHistory;
import io.leaderlens.features.LongSeries;
import io.leaderlens.features.MemberHistory;
import io.leaderlens.features.PickupHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LongSeriesSerializerTest {
    private final LongSeriesSerializer serializer = LongSeriesSerializer.INSTANCE;

    @Test
    void everySeriesComesBackEqualIncludingExtremesAndFallingValues() throws IOException {
        Random random = new Random(11);
        List<LongSeries> cases = new ArrayList<>(List.of(new LongSeries(), LongSeries.of(0), LongSeries.of(Long.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE, 0, -1, 1), LongSeries.of(1_794_931_200_000L, 1_794_931_200_001L, 1_794_931_260_000L)));
        for (int i = 0; i < 200; i++) {
            long[] values = new long[random.nextInt(300)];
            for (int j = 0; j < values.length; j++) {
                values[j] = random.nextBoolean() ? random.nextLong() : 1_794_931_200_000L + random.nextInt(1_000_000);
            }
            LongSeries series = LongSeries.of(values);
            series.removeFirst(random.nextInt(values.length + 1)); // a trimmed front is not written
            cases.add(series);
        }
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (LongSeries series : cases) {
            serializer.serialize(series, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (LongSeries series : cases) {
            assertThat(serializer.deserialize(in)).isEqualTo(series);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void ascendingTimesSecondsApartTakeAFewBytesEach() throws IOException {
        long[] times = new long[1_000];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1_794_931_200_000L + i * 30_000L;
        }
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(LongSeries.of(times), out);
        // first value 6 bytes, each 30 s step (zig-zag 60,000) 3 bytes, the length 2
        assertThat(out.length()).isEqualTo(2 + 6 + 999 * 3);
    }

    @Test
    void copiesDoNotShareTheArray() {
        LongSeries series = LongSeries.of(1, 2);
        LongSeries copy = serializer.copy(series);
        series.add(3);
        assertThat(copy).isEqualTo(LongSeries.of(1, 2));
    }

    @Test
    void aRestoredSnapshotGivesTheSameCompatibleSerializer() throws IOException {
        TypeSerializerSnapshot<LongSeries> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<LongSeries> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }

    @Test
    void theFeatureHistoriesArePojosWhoseSeriesUseThisSerializer() {
        for (Class<?> history : List.of(LeaderHistory.class, MemberHistory.class, PickupHistory.class, IdentifierHistory.class)) {
            TypeInformation<?> type = JobTypes.of(history);
            assertThat(type).as(history.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) type;
            int series = 0;
            for (int i = 0; i < pojo.getArity(); i++) {
                if (pojo.getPojoFieldAt(i).getField().getType() == LongSeries.class) {
                    assertThat(pojo.getPojoFieldAt(i).getTypeInformation()).isSameAs(LongSeriesTypeInfo.INSTANCE);
                    series++;
                }
            }
            assertThat(series).as("series fields of %s", history.getSimpleName()).isPositive();
            TypeSerializer<?> created = type.createSerializer(new SerializerConfigImpl());
            assertThat(created.duplicate()).isNotNull();
        }
    }
}
