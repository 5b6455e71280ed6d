package io.leaderlens.jobs.types;

import static java.util.Objects.requireNonNull;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** A type whose values are written through a {@link BufferedSerializer} (state keys and values a full snapshot writes by the million). */
public final class BufferedTypeInfo<T> extends TypeInformation<T> {
    private final TypeInformation<T> inner;

    public BufferedTypeInfo(TypeInformation<T> inner) {
        this.inner = requireNonNull(inner, "inner");
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new BufferedSerializer<>(inner.createSerializer(config));
    }

    @Override
    public boolean isBasicType() {
        return inner.isBasicType();
    }

    @Override
    public boolean isTupleType() {
        return inner.isTupleType();
    }

    @Override
    public int getArity() {
        return inner.getArity();
    }

    @Override
    public int getTotalFields() {
        return inner.getTotalFields();
    }

    @Override
    public Class<T> getTypeClass() {
        return inner.getTypeClass();
    }

    @Override
    public boolean isKeyType() {
        return inner.isKeyType();
    }

    @Override
    public String toString() {
        return "Buffered(" + inner + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferedTypeInfo<?> that && inner.equals(that.inner);
    }

    @Override
    public int hashCode() {
        return 31 * inner.hashCode() + 1;
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof BufferedTypeInfo;
    }
}
