package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.ledger.LedgerOrder;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for the commission job's open orders: an atomic type with {@link LedgerOrderSerializer}. */
public final class LedgerOrderTypeInfo extends TypeInformation<LedgerOrder> {
    public static final LedgerOrderTypeInfo INSTANCE = new LedgerOrderTypeInfo();

    private LedgerOrderTypeInfo() {}

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
    public Class<LedgerOrder> getTypeClass() {
        return LedgerOrder.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LedgerOrder> createSerializer(SerializerConfig config) {
        return LedgerOrderSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LedgerOrder";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerOrderTypeInfo;
    }

    @Override
    public int hashCode() {
        return LedgerOrderTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof LedgerOrderTypeInfo;
    }
}
