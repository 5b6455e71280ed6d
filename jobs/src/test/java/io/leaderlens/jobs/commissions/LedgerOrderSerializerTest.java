package io.leaderlens.jobs.commissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.ledger.Bucket;
import io.leaderlens.commissions.ledger.InMemoryLedgerStore;
import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.commissions.ledger.LedgerLine;
import io.leaderlens.commissions.ledger.LedgerOrder;
import io.leaderlens.commissions.ledger.LineKind;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LedgerOrderSerializerTest {
    private static final long DAY = 86_400_000L;
    private static final BigDecimal TEN_PERCENT = new BigDecimal("0.100000");
    private final LedgerOrderSerializer serializer = LedgerOrderSerializer.INSTANCE;

    /** Orders as the ledger leaves them: tiers, a new-member bonus, a group bonus holder, refunds, holds. */
    private static List<LedgerOrder> ledgerOrders() {
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        LeaderLedger ledger = new LeaderLedger("L1", 7 * DAY, store);
        ledger.bindUpline("UP");
        ledger.bindMember("m1", 0);
        ledger.groupOpened("g1", true, 0);
        ledger.paid("o1", "g1", "m1", "零食", 10_000, 10_000, TEN_PERCENT, "L1|snacks#1", "2026-11-v1", TEN_PERCENT, DAY);
        ledger.paid("o2", null, "m2", "fresh_produce", 2_999, 2_999, new BigDecimal("0.05"), "L1|fresh#2", "2026-11-v1", TEN_PERCENT, DAY);
        ledger.confirmed("o1", 300, "2026-11-v1", 2 * DAY);
        ledger.groupFormed("g1", 500, "2026-11-v1", 2 * DAY);
        ledger.refunded("o1", 1_000, 3 * DAY);
        ledger.alertOpened("A1", "fake members", 3 * DAY);
        List<LedgerOrder> orders = new ArrayList<>();
        store.orders().forEach(orders::add);
        return orders;
    }

    /** A line the ledger would never write: every field the format has a branch for, at its unusual value. */
    private static LedgerOrder unusual() {
        LedgerOrder order = new LedgerOrder();
        order.orderId = "o9";
        order.groupFailed = true;
        order.refundedCents = Long.MIN_VALUE;
        LedgerLine line = new LedgerLine();
        line.lineId = "hand-made";
        line.sourceId = "elsewhere";
        line.rate = new BigDecimal("123456789012345678901234567890.123456789");
        order.lines.add(line);
        LedgerLine empty = new LedgerLine();
        empty.kind = LineKind.TIER2;
        empty.bucket = Bucket.VOIDED;
        order.lines.add(empty);
        order.lines.add(new LedgerLine());
        for (String almostDerived : List.of("TIER1:o9:L2", "TIER1:o9:L1x", "TIER1-o9:L1", "TIER2:o9:L1")) {
            LedgerLine near = new LedgerLine();
            near.kind = LineKind.TIER1;
            near.sourceId = "o9";
            near.beneficiary = "L1";
            near.lineId = almostDerived;
            order.lines.add(near);
        }
        return order;
    }

    @Test
    void everyOrderComesBackFieldForField() throws IOException {
        List<LedgerOrder> orders = new ArrayList<>(ledgerOrders());
        orders.add(unusual());
        orders.add(new LedgerOrder());
        assertThat(orders).hasSizeGreaterThan(3);
        assertThat(orders).flatMap(o -> o.lines).extracting(l -> l.kind).contains(LineKind.values());

        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (LedgerOrder order : orders) {
            serializer.serialize(order, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (LedgerOrder order : orders) {
            assertThat(serializer.deserialize(in)).usingRecursiveComparison().isEqualTo(order);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void takesLessThanHalfOfWhatThePojoSerializerWrote() throws IOException {
        @SuppressWarnings("unchecked")
        TypeSerializer<LedgerOrder> pojo = ((PojoTypeInfo<LedgerOrder>) TypeExtractor.createTypeInfo(LedgerOrder.class))
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer before = new DataOutputSerializer(1024);
        DataOutputSerializer after = new DataOutputSerializer(1024);
        for (LedgerOrder order : ledgerOrders()) {
            pojo.serialize(order, before);
            serializer.serialize(order, after);
        }
        assertThat(after.length()).as("%d bytes against the POJO serializer's %d", after.length(), before.length()).isLessThan(before.length() / 2);
    }

    @Test
    void copiesAreDeepSoTheHeapBackendCanSnapshotWhileTheLedgerMovesLines() {
        LedgerOrder order = ledgerOrders().get(0);
        LedgerOrder copy = serializer.copy(order);
        assertThat(copy).usingRecursiveComparison().isEqualTo(order);
        order.lines.get(0).bucket = Bucket.REVERSED;
        order.lines.add(new LedgerLine());
        assertThat(copy.lines.get(0).bucket).isNotEqualTo(Bucket.REVERSED);
        assertThat(copy.lines).hasSize(order.lines.size() - 1);
    }

    @Test
    void knowsEveryFieldOfTheOrderAndItsLines() {
        // a field added to either class without the serializer would be lost at the next restore
        assertThat(instanceFields(LedgerOrder.class)).as("LedgerOrder's fields: add a new one to LedgerOrderSerializer (a new format version)")
                .containsExactlyInAnyOrder("orderId", "groupId", "memberId", "paidCents", "refundedCents", "groupFailed", "paidAt", "creditAt",
                        "lines");
        assertThat(instanceFields(LedgerLine.class)).as("LedgerLine's fields: add a new one to LedgerOrderSerializer (a new format version)")
                .containsExactlyInAnyOrder("lineId", "kind", "beneficiary", "sourceId", "category", "baseCents", "rate", "rateId",
                        "rateCardVersion", "bucket", "cents", "unheld", "creditAt", "movements", "seq");
    }

    private static List<String> instanceFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).toList();
    }

    @Test
    void aRestoredSnapshotGivesTheSameCompatibleSerializer() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<LedgerOrder> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }
}
