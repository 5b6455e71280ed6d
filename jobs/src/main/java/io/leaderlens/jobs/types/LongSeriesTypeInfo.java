package io.leaderlens.jobs.types;

import io.leaderlens.features.LongSeries;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link LongSeries}: an atomic type with {@link LongSeriesSerializer}. */
public final class LongSeriesTypeInfo extends TypeInformation<LongSeries> {
    public static final LongSeriesTypeInfo INSTANCE = new LongSeriesTypeInfo();

    /** Registered for {@link LongSeries} (see {@link JobTypes}), so the feature histories holding series stay POJOs. */
    public static final class Factory extends TypeInfoFactory<LongSeries> {
        @Override
        public TypeInformation<LongSeries> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return INSTANCE;
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<LongSeries> getTypeClass() {
        return LongSeries.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LongSeries> createSerializer(SerializerConfig config) {
        return LongSeriesSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LongSeries";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LongSeriesTypeInfo;
    }

    @Override
    public int hashCode() {
        return LongSeriesTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof LongSeriesTypeInfo;
    }
}
