package io.leaderlens.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.features.MemberHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

class BufferedSerializerTest {
    private final TypeSerializer<MemberHistory> pojo = JobTypes.of(MemberHistory.class).createSerializer(new SerializerConfigImpl());
    private final BufferedSerializer<MemberHistory> buffered = new BufferedSerializer<>(pojo);

    private static MemberHistory history() {
        MemberHistory h = new MemberHistory();
        h.signedUpAt = 1_000;
        h.paidOrders = 3;
        h.orders.add("o-1");
        h.orders.add("o-2");
        h.recentPayments.add(5_000);
        h.recentPayments.add(7_000);
        return h;
    }

    @Test
    void writesTheInnerSerializersBytesToAStreamInOneCall() throws IOException {
        DataOutputSerializer expected = new DataOutputSerializer(64);
        pojo.serialize(history(), expected);

        CountingStream stream = new CountingStream();
        buffered.serialize(history(), new DataOutputViewStreamWrapper(stream));
        assertThat(stream.bytes.toByteArray()).isEqualTo(expected.getCopyOfBuffer());
        assertThat(stream.byteCalls).as("no call per byte").isZero();
        assertThat(stream.arrayCalls).isEqualTo(1);

        MemberHistory back = buffered.deserialize(new DataInputDeserializer(stream.bytes.toByteArray()));
        assertThat(back.orders).containsExactly("o-1", "o-2");
        assertThat(back.paidOrders).isEqualTo(3);
    }

    @Test
    void aDuplicateHasABufferOfItsOwn() {
        assertThat(buffered.duplicate()).isNotSameAs(buffered).isEqualTo(buffered);
    }

    /** State of builds before the wrapper: the inner serializer's snapshot, and the same bytes. */
    @Test
    void restoresStateWrittenWithoutTheWrapperAndItsOwn() throws IOException {
        TypeSerializerSnapshot<MemberHistory> unwrapped = pojo.snapshotConfiguration();
        TypeSerializerSchemaCompatibility<MemberHistory> fromEarlier = buffered.snapshotConfiguration().resolveSchemaCompatibility(unwrapped);
        assertThat(fromEarlier.isCompatibleAsIs()).as(fromEarlier.toString()).isTrue();

        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, buffered.snapshotConfiguration());
        TypeSerializerSnapshot<MemberHistory> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(buffered);
        assertThat(buffered.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int byteCalls;
        int arrayCalls;

        @Override
        public void write(int b) {
            byteCalls++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrayCalls++;
            bytes.write(b, off, len);
        }
    }
}
