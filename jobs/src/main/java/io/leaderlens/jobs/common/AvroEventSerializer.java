package io.leaderlens.jobs.common;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.codec.EventDecodingException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.avro.specific.SpecificRecord;

/**
 * Flink state and network serialization of the Avro event records through their own compact single-object
 * encoding, instead of Kryo's reflective field walk (which does not work on Avro's generated classes).
 */
public final class AvroEventSerializer extends Serializer<SpecificRecord> implements Serializable {
    private transient BinaryEventCodec codec;

    public AvroEventSerializer() {
        // events are never changed after decoding: copies between operators can share them
        setImmutable(true);
    }

    /** Registers this serializer for every event record type on the environment. */
    public static void register(StreamExecutionEnvironment env) {
        SerializerConfigImpl config = (SerializerConfigImpl) env.getConfig().getSerializerConfig();
        for (Class<?> type : new Class<?>[] {OrderEvent.class, GroupBuyEvent.class, ReferralEvent.class}) {
            config.addDefaultKryoSerializer(type, AvroEventSerializer.class);
        }
    }

    private BinaryEventCodec codec() {
        if (codec == null) {
            codec = new BinaryEventCodec();
        }
        return codec;
    }

    @Override
    public void write(Kryo kryo, Output output, SpecificRecord event) {
        byte[] bytes = codec().encode(event);
        output.writeInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    @Override
    public SpecificRecord read(Kryo kryo, Input input, Class<? extends SpecificRecord> type) {
        byte[] bytes = input.readBytes(input.readInt(true));
        try {
            return codec().decode(bytes).record();
        } catch (EventDecodingException e) {
            throw new IllegalStateException("corrupt event in Flink state: " + e.getMessage(), e);
        }
    }
}
