package io.leaderlens.jobs.types;

import io.leaderlens.features.LongSeries;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link LongSeries}: an atomic type with {@link LongSeriesSerializer}. */
public final class LongSeriesTypeInfo extends AtomicTypeInfo<LongSeries> {
    public static final LongSeriesTypeInfo INSTANCE = new LongSeriesTypeInfo();

    /** Registered for {@link LongSeries} (see {@link JobTypes}), so the feature histories holding series stay POJOs. */
    public static final class Factory extends TypeInfoFactory<LongSeries> {
        @Override
        public TypeInformation<LongSeries> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return INSTANCE;
        }
    }

    private LongSeriesTypeInfo() {
        super(LongSeries.class);
    }

    @Override
    public TypeSerializer<LongSeries> createSerializer(SerializerConfig config) {
        return LongSeriesSerializer.INSTANCE;
    }
}
