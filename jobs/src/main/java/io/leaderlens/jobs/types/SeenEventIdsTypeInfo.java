package io.leaderlens.jobs.types;

import io.leaderlens.jobs.common.SeenEventIds;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link SeenEventIds}: an atomic type with {@link SeenEventIdsSerializer}. */
public final class SeenEventIdsTypeInfo extends AtomicTypeInfo<SeenEventIds> {
    public static final SeenEventIdsTypeInfo INSTANCE = new SeenEventIdsTypeInfo();

    private SeenEventIdsTypeInfo() {
        super(SeenEventIds.class);
    }

    @Override
    public TypeSerializer<SeenEventIds> createSerializer(SerializerConfig config) {
        return SeenEventIdsSerializer.INSTANCE;
    }
}
