package io.leaderlens.jobs.types;

import io.leaderlens.events.PlatformEvent;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link PlatformEvent}: an atomic type with {@link PlatformEventSerializer}. */
public final class PlatformEventTypeInfo extends TypeInformation<PlatformEvent> {
    public static final PlatformEventTypeInfo INSTANCE = new PlatformEventTypeInfo();

    /** Registered for {@link PlatformEvent} (see {@link JobTypes}), so records that hold an event are analysed as POJOs. */
    public static final class Factory extends TypeInfoFactory<PlatformEvent> {
        @Override
        public TypeInformation<PlatformEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
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
    public Class<PlatformEvent> getTypeClass() {
        return PlatformEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<PlatformEvent> createSerializer(SerializerConfig config) {
        return PlatformEventSerializer.current();
    }

    @Override
    public String toString() {
        return "PlatformEvent";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlatformEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return PlatformEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof PlatformEventTypeInfo;
    }
}
