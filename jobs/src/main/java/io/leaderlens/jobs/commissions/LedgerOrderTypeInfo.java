package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.ledger.LedgerOrder;
import io.leaderlens.jobs.types.AtomicTypeInfo;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for the commission job's open orders: an atomic type with {@link LedgerOrderSerializer}. */
public final class LedgerOrderTypeInfo extends AtomicTypeInfo<LedgerOrder> {
    public static final LedgerOrderTypeInfo INSTANCE = new LedgerOrderTypeInfo();

    private LedgerOrderTypeInfo() {
        super(LedgerOrder.class);
    }

    @Override
    public TypeSerializer<LedgerOrder> createSerializer(SerializerConfig config) {
        return LedgerOrderSerializer.INSTANCE;
    }
}
