package io.leaderlens.jobs.types;

import io.leaderlens.events.CampaignEvent;
import io.leaderlens.events.CampaignEventType;
import io.leaderlens.events.CampaignKind;
import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.CouponEventType;
import io.leaderlens.events.CouponReason;
import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralChannel;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer for platform events on the wire between operators and in state: a kind byte, then the
 * record's fields in schema order (strings as Flink string values, enums as ordinals). It replaces a Kryo
 * fallback and the Avro re-encoding that every shuffle used to pay. Events are never changed after decoding,
 * so copies share the instance.
 *
 * <p>Format version 1 holds the fields of the v1 Avro schemas; version 2 adds the v2 referral channel (a byte: its
 * ordinal, or -1 for none); version 3 adds the v3 order's price breakdown (list amount, discounts, points); version 4
 * adds the coupon kind (its format-3 bytes are the same, a format-3 reader just knows no coupons); version 5 adds the
 * v3 referral's referred_by_user_id and the campaign kind (and reads the v4 discount kind ACTIVE_USER by its ordinal). New enum
 * symbols at the end keep every older ordinal. A schema version that adds fields
 * bumps {@link #VERSION}; the snapshot then restores older state with the serializer of the version it was written in.
 */
public final class PlatformEventSerializer extends TypeSerializer<PlatformEvent> {
    static final int VERSION = 5;

    private static final byte ORDER = 0;
    private static final byte GROUP_BUY = 1;
    private static final byte REFERRAL = 2;
    private static final byte COUPON = 3;
    private static final byte CAMPAIGN = 4;
    private static final OrderEventType[] ORDER_TYPES = OrderEventType.values();
    private static final GroupBuyEventType[] GROUP_BUY_TYPES = GroupBuyEventType.values();
    private static final ReferralEventType[] REFERRAL_TYPES = ReferralEventType.values();
    private static final ReferralChannel[] CHANNELS = ReferralChannel.values();
    private static final DiscountKind[] DISCOUNT_KINDS = DiscountKind.values();
    private static final CouponEventType[] COUPON_TYPES = CouponEventType.values();
    private static final CouponReason[] COUPON_REASONS = CouponReason.values();
    private static final CampaignEventType[] CAMPAIGN_TYPES = CampaignEventType.values();
    private static final CampaignKind[] CAMPAIGN_KINDS = CampaignKind.values();
    private static final byte NO_CHANNEL = -1;

    private final int version;
    /**
     * Its own read buffer and cache of repeating ids, so each thread gets its own instance ({@link #duplicate()});
     * made on first use, as the serializer travels in the job graph.
     */
    private transient StringValueReader strings;

    private PlatformEventSerializer(int version) {
        this.version = version;
    }

    public static PlatformEventSerializer current() {
        return new PlatformEventSerializer(VERSION);
    }

    static PlatformEventSerializer ofVersion(int version) {
        if (version < 1 || version > VERSION) {
            throw new IllegalStateException("platform events in state were written in format " + version
                    + "; this build reads formats 1 to " + VERSION);
        }
        return new PlatformEventSerializer(version);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<PlatformEvent> duplicate() {
        return new PlatformEventSerializer(version);
    }

    @Override
    public PlatformEvent createInstance() {
        return null;
    }

    @Override
    public PlatformEvent copy(PlatformEvent from) {
        return from;
    }

    @Override
    public PlatformEvent copy(PlatformEvent from, PlatformEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PlatformEvent event, DataOutputView out) throws IOException {
        if (event.record() instanceof OrderEvent o) {
            out.writeByte(ORDER);
            StringValue.writeString(o.getEventId(), out);
            StringValue.writeString(o.getOrderId(), out);
            out.writeByte(o.getType().ordinal());
            StringValue.writeString(o.getUserId(), out);
            StringValue.writeString(o.getLeaderId(), out);
            StringValue.writeString(o.getCity(), out);
            StringValue.writeString(o.getGroupBuyId(), out);
            StringValue.writeString(o.getProductId(), out);
            StringValue.writeString(o.getCategory(), out);
            out.writeInt(o.getQuantity());
            out.writeLong(o.getAmountCents());
            StringValue.writeString(o.getCurrency(), out);
            StringValue.writeString(o.getPickupPointId(), out);
            StringValue.writeString(o.getDeviceId(), out);
            StringValue.writeString(o.getIp(), out);
            StringValue.writeString(o.getPaymentAccount(), out);
            out.writeLong(o.getEventTime());
            writePriceBreakdown(o, out);
        } else if (event.record() instanceof GroupBuyEvent g) {
            out.writeByte(GROUP_BUY);
            StringValue.writeString(g.getEventId(), out);
            StringValue.writeString(g.getGroupBuyId(), out);
            out.writeByte(g.getType().ordinal());
            StringValue.writeString(g.getLeaderId(), out);
            StringValue.writeString(g.getCity(), out);
            StringValue.writeString(g.getUserId(), out);
            out.writeBoolean(g.getOpenedByLeader());
            StringValue.writeString(g.getProductId(), out);
            out.writeInt(g.getGroupSize());
            out.writeInt(g.getMemberCount());
            out.writeLong(g.getDeadline());
            out.writeLong(g.getEventTime());
        } else if (event.record() instanceof CouponEvent c) {
            out.writeByte(COUPON);
            StringValue.writeString(c.getEventId(), out);
            out.writeByte(c.getType().ordinal());
            StringValue.writeString(c.getCouponId(), out);
            StringValue.writeString(c.getLeaderId(), out);
            StringValue.writeString(c.getCity(), out);
            StringValue.writeString(c.getUserId(), out);
            out.writeByte(c.getReason().ordinal());
            StringValue.writeString(c.getCampaignId(), out);
            out.writeLong(c.getValueCents());
            out.writeLong(c.getMinSpendCents());
            out.writeLong(c.getExpiresAt());
            StringValue.writeString(c.getOrderId(), out);
            StringValue.writeString(c.getRefereeId(), out);
            out.writeLong(c.getEventTime());
        } else if (event.record() instanceof CampaignEvent c) {
            out.writeByte(CAMPAIGN);
            StringValue.writeString(c.getEventId(), out);
            out.writeByte(c.getType().ordinal());
            StringValue.writeString(c.getCampaignId(), out);
            out.writeByte(c.getKind().ordinal());
            StringValue.writeString(c.getCategory(), out);
            out.writeInt(c.getDiscountPercent());
            out.writeLong(c.getStockUnits());
            out.writeLong(c.getStartsAt());
            out.writeLong(c.getEndsAt());
            out.writeLong(c.getEventTime());
        } else {
            ReferralEvent r = (ReferralEvent) event.record();
            out.writeByte(REFERRAL);
            StringValue.writeString(r.getEventId(), out);
            out.writeByte(r.getType().ordinal());
            StringValue.writeString(r.getLeaderId(), out);
            StringValue.writeString(r.getCity(), out);
            StringValue.writeString(r.getUserId(), out);
            StringValue.writeString(r.getPosterId(), out);
            StringValue.writeString(r.getUplineLeaderId(), out);
            StringValue.writeString(r.getDeviceId(), out);
            StringValue.writeString(r.getIp(), out);
            out.writeLong(r.getEventTime());
            out.writeByte(r.getChannel() == null ? NO_CHANNEL : r.getChannel().ordinal());
            StringValue.writeString(r.getReferredByUserId(), out);
        }
    }

    @Override
    public PlatformEvent deserialize(DataInputView in) throws IOException {
        // ids of leaders, cities, products and the like repeat from event to event: one instance each (see StringValueReader)
        StringValueReader s = strings;
        if (s == null) {
            s = strings = new StringValueReader();
        }
        byte kind = in.readByte();
        return switch (kind) {
            case ORDER -> PlatformEvent.of(new OrderEvent(s.read(in), s.read(in), ORDER_TYPES[in.readByte()], s.read(in),
                    s.readRepeated(in), s.readRepeated(in), s.read(in), s.readRepeated(in), s.readRepeated(in), in.readInt(),
                    in.readLong(), s.readRepeated(in), s.readRepeated(in), s.read(in), s.read(in), s.read(in), in.readLong(),
                    version >= 3 && in.readBoolean() ? in.readLong() : null, version >= 3 ? discounts(in, s) : List.of(),
                    version >= 3 ? in.readLong() : 0L, version >= 3 ? in.readLong() : 0L, version >= 3 ? in.readLong() : 0L));
            case GROUP_BUY -> PlatformEvent.of(new GroupBuyEvent(s.read(in), s.read(in), GROUP_BUY_TYPES[in.readByte()],
                    s.readRepeated(in), s.readRepeated(in), s.read(in), in.readBoolean(), s.readRepeated(in), in.readInt(),
                    in.readInt(), in.readLong(), in.readLong()));
            case REFERRAL -> PlatformEvent.of(new ReferralEvent(s.read(in), REFERRAL_TYPES[in.readByte()], s.readRepeated(in),
                    s.readRepeated(in), s.read(in), s.read(in), s.readRepeated(in), s.read(in), s.read(in), in.readLong(),
                    version >= 2 ? channel(in.readByte()) : null, version >= 5 ? s.read(in) : null));
            case COUPON -> version >= 4 ? PlatformEvent.of(new CouponEvent(s.read(in), COUPON_TYPES[in.readByte()], s.read(in),
                    s.readRepeated(in), s.readRepeated(in), s.read(in), COUPON_REASONS[in.readByte()], s.readRepeated(in), in.readLong(),
                    in.readLong(), in.readLong(), s.read(in), s.read(in), in.readLong())) : corrupt(kind);
            case CAMPAIGN -> version >= 5 ? PlatformEvent.of(new CampaignEvent(s.read(in), CAMPAIGN_TYPES[in.readByte()], s.read(in),
                    CAMPAIGN_KINDS[in.readByte()], s.readRepeated(in), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong())) : corrupt(kind);
            default -> corrupt(kind);
        };
    }

    private static PlatformEvent corrupt(byte kind) throws IOException {
        throw new IOException("corrupt platform event in Flink state or stream: kind byte " + kind);
    }

    private static void writePriceBreakdown(OrderEvent o, DataOutputView out) throws IOException {
        out.writeBoolean(o.getListAmountCents() != null);
        if (o.getListAmountCents() != null) {
            out.writeLong(o.getListAmountCents());
        }
        out.writeShort(o.getDiscounts().size()); // at most EventValidator.MAX_DISCOUNTS past decoding
        for (Discount d : o.getDiscounts()) {
            out.writeByte(d.getKind().ordinal());
            out.writeLong(d.getAmountCents());
            StringValue.writeString(d.getCampaignId(), out);
            StringValue.writeString(d.getCouponId(), out);
        }
        out.writeLong(o.getPointsRedeemed());
        out.writeLong(o.getPointsValueCents());
        out.writeLong(o.getPointsEarned());
    }

    private static List<Discount> discounts(DataInputView in, StringValueReader s) throws IOException {
        int count = in.readShort();
        if (count == 0) {
            return List.of();
        }
        if (count < 0) {
            throw new IOException("corrupt platform event in Flink state or stream: " + count + " discounts");
        }
        List<Discount> discounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            if (kind < 0 || kind >= DISCOUNT_KINDS.length) {
                throw new IOException("corrupt platform event in Flink state or stream: discount kind byte " + kind);
            }
            discounts.add(new Discount(DISCOUNT_KINDS[kind], in.readLong(), s.readRepeated(in), s.read(in)));
        }
        return discounts;
    }

    private static ReferralChannel channel(byte ordinal) throws IOException {
        if (ordinal == NO_CHANNEL) {
            return null;
        }
        if (ordinal < 0 || ordinal >= CHANNELS.length) {
            throw new IOException("corrupt platform event in Flink state or stream: channel byte " + ordinal);
        }
        return CHANNELS[ordinal];
    }

    @Override
    public PlatformEvent deserialize(PlatformEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlatformEventSerializer s && s.version == version;
    }

    @Override
    public int hashCode() {
        return 31 * PlatformEventSerializer.class.hashCode() + version;
    }

    @Override
    public TypeSerializerSnapshot<PlatformEvent> snapshotConfiguration() {
        return new Snapshot(version);
    }

    /** Records the format version; state written in an older format is read with that format and rewritten. */
    public static final class Snapshot implements TypeSerializerSnapshot<PlatformEvent> {
        private int version;

        public Snapshot() {
            this(VERSION);
        }

        Snapshot(int version) {
            this.version = version;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(org.apache.flink.core.memory.DataOutputView out) {
            // the snapshot's version is the format: nothing else to write
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
            this.version = readVersion;
        }

        @Override
        public TypeSerializer<PlatformEvent> restoreSerializer() {
            return ofVersion(version);
        }

        @Override
        public TypeSerializerSchemaCompatibility<PlatformEvent> resolveSchemaCompatibility(TypeSerializerSnapshot<PlatformEvent> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.version == VERSION ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
