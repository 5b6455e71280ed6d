package io.leaderlens.jobs.types;

import io.leaderlens.events.PlatformEvent;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link PlatformEvent}: an atomic type with {@link PlatformEventSerializer}. */
public final class PlatformEventTypeInfo extends AtomicTypeInfo<PlatformEvent> {
    public static final PlatformEventTypeInfo INSTANCE = new PlatformEventTypeInfo();

    /** Registered for {@link PlatformEvent} (see {@link JobTypes}), so records that hold an event are analysed as POJOs. */
    public static final class Factory extends TypeInfoFactory<PlatformEvent> {
        @Override
        public TypeInformation<PlatformEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return INSTANCE;
        }
    }

    private PlatformEventTypeInfo() {
        super(PlatformEvent.class);
    }

    @Override
    public TypeSerializer<PlatformEvent> createSerializer(SerializerConfig config) {
        return PlatformEventSerializer.current(); // an instance per call: it keeps a read buffer of its own
    }
}
