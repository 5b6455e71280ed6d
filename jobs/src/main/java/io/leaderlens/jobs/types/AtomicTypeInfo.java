package io.leaderlens.jobs.types;

import static java.util.Objects.requireNonNull;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for a value Flink treats as one opaque field with a hand-written serializer (platform
 * events, the fraud histories' series, the ledger's open orders): everything but the serializer is the same.
 */
public abstract class AtomicTypeInfo<T> extends TypeInformation<T> {
    private final Class<T> type;

    protected AtomicTypeInfo(Class<T> type) {
        this.type = requireNonNull(type, "type");
    }

    @Override
    public abstract TypeSerializer<T> createSerializer(SerializerConfig config);

    @Override
    public final boolean isBasicType() {
        return false;
    }

    @Override
    public final boolean isTupleType() {
        return false;
    }

    @Override
    public final int getArity() {
        return 1;
    }

    @Override
    public final int getTotalFields() {
        return 1;
    }

    @Override
    public final Class<T> getTypeClass() {
        return type;
    }

    @Override
    public final boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public final boolean canEqual(Object other) {
        return other != null && other.getClass() == getClass();
    }
}
