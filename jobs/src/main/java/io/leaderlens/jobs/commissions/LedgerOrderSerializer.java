package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.ledger.Bucket;
import io.leaderlens.commissions.ledger.LedgerLine;
import io.leaderlens.commissions.ledger.LedgerOrder;
import io.leaderlens.commissions.ledger.LineKind;
import io.leaderlens.jobs.types.Varints;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for a leader's open order in the commission job's state, written by hand: the ledger keeps
 * every order until 30 days after its credit, so the heap backend's snapshots write millions of them, and the
 * reflective POJO serializer (a null flag and a field lookup per field, a subclass tag per line) had half of the
 * snapshot thread's samples in the job's profile. A line's id and source are written only when they are not the ones the ledger derives
 * ({@code KIND:source:beneficiary}, the order's own id), numbers as zig-zag varints; enums are written as
 * ordinals, so their constants may only ever be appended to.
 */
public final class LedgerOrderSerializer extends TypeSerializerSingleton<LedgerOrder> {
    public static final LedgerOrderSerializer INSTANCE = new LedgerOrderSerializer();

    private static final LineKind[] KINDS = LineKind.values();
    private static final Bucket[] BUCKETS = Bucket.values();
    private static final int NO_ORDINAL = 255;
    private static final int LINE_ID_DERIVED = 1;
    private static final int SOURCE_IS_ORDER = 2;
    private static final int CREDIT_AT_OF_ORDER = 4;
    private static final byte NO_RATE = 0;
    private static final byte LONG_RATE = 1;
    private static final byte BIG_RATE = 2;

    private LedgerOrderSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public LedgerOrder createInstance() {
        return new LedgerOrder();
    }

    @Override
    public LedgerOrder copy(LedgerOrder from) {
        LedgerOrder to = new LedgerOrder();
        to.orderId = from.orderId;
        to.groupId = from.groupId;
        to.memberId = from.memberId;
        to.paidCents = from.paidCents;
        to.refundedCents = from.refundedCents;
        to.groupFailed = from.groupFailed;
        to.paidAt = from.paidAt;
        to.creditAt = from.creditAt;
        to.lines = new ArrayList<>(from.lines.size());
        for (LedgerLine line : from.lines) {
            to.lines.add(copy(line));
        }
        return to;
    }

    private static LedgerLine copy(LedgerLine from) {
        LedgerLine to = new LedgerLine();
        to.lineId = from.lineId;
        to.kind = from.kind;
        to.beneficiary = from.beneficiary;
        to.sourceId = from.sourceId;
        to.category = from.category;
        to.baseCents = from.baseCents;
        to.rate = from.rate;
        to.rateId = from.rateId;
        to.rateCardVersion = from.rateCardVersion;
        to.bucket = from.bucket;
        to.cents = from.cents;
        to.unheld = from.unheld;
        to.creditAt = from.creditAt;
        to.movements = from.movements;
        to.seq = from.seq;
        return to;
    }

    @Override
    public LedgerOrder copy(LedgerOrder from, LedgerOrder reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LedgerOrder order, DataOutputView out) throws IOException {
        StringValue.writeString(order.orderId, out);
        StringValue.writeString(order.groupId, out);
        StringValue.writeString(order.memberId, out);
        Varints.write(order.paidCents, out);
        Varints.write(order.refundedCents, out);
        out.writeBoolean(order.groupFailed);
        Varints.write(order.paidAt, out);
        Varints.write(order.creditAt, out);
        Varints.write(order.lines.size(), out);
        for (LedgerLine line : order.lines) {
            boolean sourceIsOrder = line.sourceId != null && line.sourceId.equals(order.orderId);
            boolean idDerived = isDerivedId(line);
            boolean creditAtOfOrder = line.creditAt == order.creditAt;
            out.writeByte((idDerived ? LINE_ID_DERIVED : 0) | (sourceIsOrder ? SOURCE_IS_ORDER : 0)
                    | (creditAtOfOrder ? CREDIT_AT_OF_ORDER : 0));
            out.writeByte(line.kind == null ? NO_ORDINAL : line.kind.ordinal());
            StringValue.writeString(line.beneficiary, out);
            if (!sourceIsOrder) {
                StringValue.writeString(line.sourceId, out);
            }
            if (!idDerived) {
                StringValue.writeString(line.lineId, out);
            }
            StringValue.writeString(line.category, out);
            Varints.write(line.baseCents, out);
            writeRate(line.rate, out);
            StringValue.writeString(line.rateId, out);
            StringValue.writeString(line.rateCardVersion, out);
            out.writeByte(line.bucket == null ? NO_ORDINAL : line.bucket.ordinal());
            out.writeByte(line.unheld == null ? NO_ORDINAL : line.unheld.ordinal());
            Varints.write(line.cents, out);
            if (!creditAtOfOrder) {
                Varints.write(line.creditAt, out);
            }
            Varints.write(line.movements, out);
            Varints.write(line.seq, out);
        }
    }

    @Override
    public LedgerOrder deserialize(DataInputView in) throws IOException {
        LedgerOrder order = new LedgerOrder();
        order.orderId = StringValue.readString(in);
        order.groupId = StringValue.readString(in);
        order.memberId = StringValue.readString(in);
        order.paidCents = Varints.read(in);
        order.refundedCents = Varints.read(in);
        order.groupFailed = in.readBoolean();
        order.paidAt = Varints.read(in);
        order.creditAt = Varints.read(in);
        long lines = Varints.read(in);
        if (lines < 0 || lines > Integer.MAX_VALUE) {
            throw new IOException("an order with " + lines + " lines: the state is corrupt");
        }
        order.lines = new ArrayList<>((int) lines);
        for (int i = 0; i < lines; i++) {
            LedgerLine line = new LedgerLine();
            int flags = in.readUnsignedByte();
            int kind = in.readUnsignedByte();
            line.kind = kind == NO_ORDINAL ? null : KINDS[kind];
            line.beneficiary = StringValue.readString(in);
            line.sourceId = (flags & SOURCE_IS_ORDER) != 0 ? order.orderId : StringValue.readString(in);
            line.lineId = (flags & LINE_ID_DERIVED) != 0
                    ? line.kind + ":" + line.sourceId + ":" + line.beneficiary
                    : StringValue.readString(in);
            line.category = StringValue.readString(in);
            line.baseCents = Varints.read(in);
            line.rate = readRate(in);
            line.rateId = StringValue.readString(in);
            line.rateCardVersion = StringValue.readString(in);
            line.bucket = bucket(in.readUnsignedByte());
            line.unheld = bucket(in.readUnsignedByte());
            line.cents = Varints.read(in);
            line.creditAt = (flags & CREDIT_AT_OF_ORDER) != 0 ? order.creditAt : Varints.read(in);
            line.movements = (int) Varints.read(in);
            line.seq = Varints.read(in);
            order.lines.add(line);
        }
        return order;
    }

    @Override
    public LedgerOrder deserialize(LedgerOrder reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<LedgerOrder> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Whether the line's id is the one the ledger gives it (LeaderLedger.earn: {@code KIND:source:beneficiary}),
     * compared in place: building the id to compare would allocate at every line of every snapshot.
     */
    private static boolean isDerivedId(LedgerLine line) {
        String id = line.lineId;
        if (id == null || line.kind == null || line.sourceId == null || line.beneficiary == null) {
            return false;
        }
        String kind = line.kind.name();
        int source = kind.length() + 1;
        int beneficiary = source + line.sourceId.length() + 1;
        return id.length() == beneficiary + line.beneficiary.length()
                && id.startsWith(kind) && id.charAt(kind.length()) == ':'
                && id.startsWith(line.sourceId, source) && id.charAt(beneficiary - 1) == ':'
                && id.startsWith(line.beneficiary, beneficiary);
    }

    private static Bucket bucket(int ordinal) {
        return ordinal == NO_ORDINAL ? null : BUCKETS[ordinal];
    }

    private static void writeRate(BigDecimal rate, DataOutputView out) throws IOException {
        if (rate == null) {
            out.writeByte(NO_RATE);
            return;
        }
        BigInteger unscaled = rate.unscaledValue();
        if (unscaled.bitLength() < 64) {
            out.writeByte(LONG_RATE);
            Varints.write(unscaled.longValue(), out);
        } else {
            byte[] bytes = unscaled.toByteArray();
            out.writeByte(BIG_RATE);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        Varints.write(rate.scale(), out);
    }

    private static BigDecimal readRate(DataInputView in) throws IOException {
        byte kind = in.readByte();
        if (kind == NO_RATE) {
            return null;
        }
        BigInteger unscaled;
        if (kind == LONG_RATE) {
            unscaled = BigInteger.valueOf(Varints.read(in));
        } else if (kind == BIG_RATE) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            unscaled = new BigInteger(bytes);
        } else {
            throw new IOException("unknown rate encoding " + kind + ": the state is corrupt");
        }
        return new BigDecimal(unscaled, (int) Varints.read(in));
    }

    /** The format has no parameters: the snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LedgerOrder> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
