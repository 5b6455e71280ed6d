package io.leaderlens.jobs.types;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.LongSeries;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Map;
import org.apache.flink.api.common.functions.InvalidTypesException;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink types of leaderlens. Every job runs with generic types off, so anything Flink cannot serialize
 * with a real serializer (POJO rules, records, or a hand-written one) fails when the job is built instead of
 * falling back to Kryo in production. {@link PlatformEvent} and {@link LongSeries} get serializers of their own;
 * their type factories are registered here so that records and POJOs holding them are analysed field by field.
 */
public final class JobTypes {
    static {
        register(PlatformEvent.class, PlatformEventTypeInfo.Factory.class);
        register(LocalDate.class, LocalDateFactory.class);
        register(LongSeries.class, LongSeriesTypeInfo.Factory.class);
    }

    /**
     * The type extractor's registry belongs to the process, while a session cluster loads each job's classes in a
     * class loader of its own: the second job's registration of a JDK type ({@link LocalDate}) finds the first
     * one's, which does the same, and is kept. (A job's own classes are new classes per job, so they register.)
     */
    private static void register(Class<?> type, Class<? extends TypeInfoFactory<?>> factory) {
        try {
            TypeExtractor.registerFactory(type, factory);
        } catch (InvalidTypesException alreadyRegistered) {
            // an earlier job in this process registered a factory for the type
        }
    }

    /** Flink has a serializer for {@link LocalDate} but does not pick it for record fields on its own. */
    public static final class LocalDateFactory extends TypeInfoFactory<LocalDate> {
        @Override
        public TypeInformation<LocalDate> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return Types.LOCAL_DATE;
        }
    }

    private static final TypeInformation<String> KEYS = new BufferedTypeInfo<>(Types.STRING);

    private JobTypes() {}

    /** The type information of a class, with leaderlens's serializers known to the type extractor. */
    public static <T> TypeInformation<T> of(Class<T> type) {
        return TypeInformation.of(type);
    }

    /**
     * The type of every job's state keys (leader, member, device, … ids): strings, written to a snapshot in one call
     * each. The bytes are Flink's string serializer's, so state keyed before restores as it is (a key serializer
     * cannot migrate).
     */
    public static TypeInformation<String> keys() {
        return KEYS;
    }

    public static TypeInformation<PlatformEvent> events() {
        return PlatformEventTypeInfo.INSTANCE;
    }

    /** What every job's configuration needs for its types: generic (Kryo) types refused. */
    public static Configuration configure(Configuration flink) {
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        return flink;
    }

    /** The same on an environment that exists already (tests, the bench). */
    public static void configure(StreamExecutionEnvironment env) {
        env.configure(configure(new Configuration()));
    }
}
