package io.leaderlens.jobs.types;

import static io.leaderlens.jobs.testing.TestEvents.groupOf;
import static io.leaderlens.jobs.testing.TestEvents.orderOn;
import static io.leaderlens.jobs.testing.TestEvents.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.events.CampaignEvent;
import io.leaderlens.events.CampaignEventType;
import io.leaderlens.events.CampaignKind;
import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.CouponEventType;
import io.leaderlens.events.CouponReason;
import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralChannel;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class PlatformEventSerializerTest {
    @Test
    void everyKindOfEventComesBackEqual() throws IOException {
        List<PlatformEvent> events = List.of(
                orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_999, "d1", "10.0.0.1", "pa1", "g1", 1_000),
                orderOn("e2", OrderEventType.REFUNDED, "o1", "L1", "u1", 1_999, "d1", "10.0.0.1", "pa1", null, 2_000),
                groupOf("e3", GroupBuyEventType.OPENED, "g1", "L2", null, 9_000, 3_000),
                referral("e4", ReferralEventType.SIGNED_UP, "L3", "u9", "L1", 4_000),
                referral("e5", ReferralEventType.RECRUITED, "L4", null, null, 5_000));
        PlatformEventSerializer serializer = PlatformEventSerializer.current();
        assertThat(roundTrip(serializer, events)).isEqualTo(events);
    }

    @Test
    void version2FieldsComeBackEqual() throws IOException {
        List<PlatformEvent> events = new ArrayList<>();
        events.add(orderOn("e1", OrderEventType.GOODS_ARRIVED, "o1", "L1", "u1", 1_999, "d1", "10.0.0.1", "pa1", null, 1_000));
        for (ReferralChannel channel : ReferralChannel.values()) {
            events.add(withChannel(referral("e-" + channel, ReferralEventType.SCANNED, "L3", "u9", null, 4_000), channel));
        }
        events.add(withChannel(referral("e-none", ReferralEventType.SIGNED_UP, "L3", "u9", null, 4_000), null));
        assertThat(roundTrip(PlatformEventSerializer.current(), events)).isEqualTo(events);
    }

    @Test
    void format1StateRestoresWithoutAChannel() throws IOException {
        PlatformEvent shared = withChannel(referral("e4", ReferralEventType.POSTER_SHARED, "L3", null, null, 4_000), ReferralChannel.DOUYIN);
        DataOutputSerializer out = new DataOutputSerializer(64);
        PlatformEventSerializer.current().serialize(shared, out);
        // format 1 is the current format without the trailing channel byte and referrer (none: one byte)
        byte[] current = out.getCopyOfBuffer();
        DataInputDeserializer format1 = new DataInputDeserializer(Arrays.copyOf(current, current.length - 2));
        PlatformEvent restored = new PlatformEventSerializer.Snapshot(1).restoreSerializer().deserialize(format1);
        assertThat(restored).isEqualTo(withChannel(shared, null));
        assertThat(format1.available()).isZero();
        assertThat(PlatformEventSerializer.current().snapshotConfiguration().resolveSchemaCompatibility(new PlatformEventSerializer.Snapshot(1))
                .isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void version3PriceBreakdownsComeBackEqual() throws IOException {
        PlatformEvent discounted = withBreakdown(orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_400, "d1", "10.0.0.1", "pa1", "g1", 1_000));
        PlatformEvent unknown = orderOn("e2", OrderEventType.PAID, "o2", "L1", "u1", 1_999, "d1", "10.0.0.1", "pa1", null, 2_000);
        List<PlatformEvent> events = List.of(discounted, unknown);
        assertThat(roundTrip(PlatformEventSerializer.current(), events)).isEqualTo(events);
        assertThat(roundTrip(PlatformEventSerializer.current(), events).get(0).order().getDiscounts()).hasSize(DiscountKind.values().length);
    }

    @Test
    void format2StateRestoresWithoutAPriceBreakdown() throws IOException {
        PlatformEvent plain = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_400, "d1", "10.0.0.1", "pa1", "g1", 1_000);
        DataOutputSerializer out = new DataOutputSerializer(64);
        PlatformEventSerializer.current().serialize(plain, out);
        // format 2 is format 3 without the breakdown's trailer: no list amount (1 byte), no discounts (2), three zero point counts (24)
        byte[] format3 = out.getCopyOfBuffer();
        DataInputDeserializer format2 = new DataInputDeserializer(Arrays.copyOf(format3, format3.length - 27));
        assertThat(new PlatformEventSerializer.Snapshot(2).restoreSerializer().deserialize(format2)).isEqualTo(plain);
        assertThat(format2.available()).isZero();
        assertThat(PlatformEventSerializer.current().snapshotConfiguration().resolveSchemaCompatibility(new PlatformEventSerializer.Snapshot(2))
                .isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void couponsComeBackEqualInFormat4AndAreNoKindOfFormat3() throws IOException {
        List<PlatformEvent> events = new ArrayList<>();
        for (CouponEventType type : CouponEventType.values()) {
            for (CouponReason reason : CouponReason.values()) {
                events.add(PlatformEvent.of(CouponEvent.newBuilder().setEventId("e-" + type + reason).setType(type).setCouponId("cp1")
                        .setLeaderId("L1").setCity("hangzhou").setUserId("u1").setReason(reason)
                        .setCampaignId(reason == CouponReason.OTHER ? null : "camp").setValueCents(300).setMinSpendCents(2_000)
                        .setExpiresAt(9_000).setOrderId(type == CouponEventType.REDEEMED ? "o1" : null)
                        .setRefereeId(reason == CouponReason.REFERRAL_REWARD ? "u2" : null).setEventTime(1_000).build()));
            }
        }
        assertThat(roundTrip(PlatformEventSerializer.current(), events)).isEqualTo(events);
        DataOutputSerializer out = new DataOutputSerializer(64);
        PlatformEventSerializer.current().serialize(events.get(0), out);
        // a format-3 reader never met a coupon: its bytes are corrupt to it, not something else
        assertThatThrownBy(() -> new PlatformEventSerializer.Snapshot(3).restoreSerializer()
                .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isInstanceOf(IOException.class).hasMessageContaining("kind byte 3");
        assertThat(PlatformEventSerializer.current().snapshotConfiguration().resolveSchemaCompatibility(new PlatformEventSerializer.Snapshot(3))
                .isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void version3ReferrersComeBackEqualAndFormat4StateRestoresWithoutOne() throws IOException {
        PlatformEvent brought = PlatformEvent.of(ReferralEvent.newBuilder(referral("e4", ReferralEventType.SIGNED_UP, "L3", "u9", null, 4_000).referral())
                .setReferredByUserId("u7").build());
        PlatformEvent unbrought = referral("e5", ReferralEventType.SIGNED_UP, "L3", "u8", null, 5_000);
        assertThat(roundTrip(PlatformEventSerializer.current(), List.of(brought, unbrought))).containsExactly(brought, unbrought);
        DataOutputSerializer out = new DataOutputSerializer(64);
        PlatformEventSerializer.current().serialize(unbrought, out);
        // format 4 is format 5 without the trailing referrer (none: one byte)
        byte[] format5 = out.getCopyOfBuffer();
        DataInputDeserializer format4 = new DataInputDeserializer(Arrays.copyOf(format5, format5.length - 1));
        assertThat(new PlatformEventSerializer.Snapshot(4).restoreSerializer().deserialize(format4)).isEqualTo(unbrought);
        assertThat(format4.available()).isZero();
        assertThat(PlatformEventSerializer.current().snapshotConfiguration().resolveSchemaCompatibility(new PlatformEventSerializer.Snapshot(4))
                .isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void campaignsComeBackEqualInFormat5AndAreNoKindOfFormat4() throws IOException {
        List<PlatformEvent> events = new ArrayList<>();
        for (CampaignEventType type : CampaignEventType.values()) {
            for (CampaignKind kind : CampaignKind.values()) {
                events.add(PlatformEvent.of(CampaignEvent.newBuilder().setEventId("e-" + type + kind).setType(type).setCampaignId("flash-1")
                        .setKind(kind).setCategory(kind == CampaignKind.OTHER ? null : "fresh_produce").setDiscountPercent(20)
                        .setStockUnits(40).setStartsAt(1_000).setEndsAt(3_601_000).setEventTime(2_000).build()));
            }
        }
        assertThat(roundTrip(PlatformEventSerializer.current(), events)).isEqualTo(events);
        DataOutputSerializer out = new DataOutputSerializer(64);
        PlatformEventSerializer.current().serialize(events.get(0), out);
        assertThatThrownBy(() -> new PlatformEventSerializer.Snapshot(4).restoreSerializer()
                .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isInstanceOf(IOException.class).hasMessageContaining("kind byte 4");
    }

    /** Every kind of discount (with and without campaign and coupon), points spent and earned, adding up to the paid amount. */
    private static PlatformEvent withBreakdown(PlatformEvent order) {
        List<Discount> discounts = new ArrayList<>();
        long off = 0;
        for (DiscountKind kind : DiscountKind.values()) {
            discounts.add(new Discount(kind, 10L + kind.ordinal(), kind.ordinal() % 2 == 0 ? "camp-" + kind : null,
                    kind.ordinal() % 3 == 0 ? "coupon-" + kind : null));
            off += 10L + kind.ordinal();
        }
        return PlatformEvent.of(OrderEvent.newBuilder(order.order()).setListAmountCents(order.order().getAmountCents() + off + 50)
                .setDiscounts(discounts).setPointsRedeemed(50).setPointsValueCents(50).setPointsEarned(14).build());
    }

    private static PlatformEvent withChannel(PlatformEvent referral, ReferralChannel channel) {
        return PlatformEvent.of(ReferralEvent.newBuilder(referral.referral()).setChannel(channel).build());
    }

    @Test
    void readsStringsAsFlinksStringValueWritesThem() throws IOException {
        String[] values = {null, "", "L1", "杭州·西湖区", "x".repeat(300), "emoji \uD83D\uDE00", "\u0000\u007f\u0080\uffff"};
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String value : values) {
            StringValue.writeString(value, out);
        }
        for (String value : values) {
            StringValue.writeString(value, out);
        }
        StringValueReader reader = new StringValueReader();
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        List<String> read = new ArrayList<>();
        for (String ignored : values) {
            read.add(reader.read(in));
        }
        for (String ignored : values) {
            read.add(reader.readRepeated(in));
        }
        List<String> expected = new ArrayList<>(Arrays.asList(values));
        expected.addAll(Arrays.asList(values));
        assertThat(read).isEqualTo(expected);
        assertThat(in.available()).isZero();
    }

    @Test
    void aRepeatingIdIsOneInstanceAndADifferentValueInTheSameSlotIsNotMistakenForIt() throws IOException {
        List<PlatformEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // more distinct leaders than cache slots: slots get shared and replaced
            events.add(orderOn("e" + i, OrderEventType.PAID, "o" + i, "L" + (i % 10_000), "u" + i, i, "d", "ip", "pa", "g", i));
        }
        List<PlatformEvent> read = roundTrip(PlatformEventSerializer.current(), events);
        assertThat(read).isEqualTo(events);
        assertThat(read.get(10_000).leaderId()).isEqualTo("L0");
        List<PlatformEvent> twice = roundTrip(PlatformEventSerializer.current(), List.of(events.get(0), events.get(1), events.get(0)));
        assertThat(twice.get(2).leaderId()).isSameAs(twice.get(0).leaderId());
        assertThat(twice.get(2).eventId()).isEqualTo(twice.get(0).eventId()).isNotSameAs(twice.get(0).eventId());
    }

    @Test
    void eachDuplicateHasItsOwnBuffers() {
        PlatformEventSerializer serializer = PlatformEventSerializer.current();
        assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
    }

    @Test
    void travelsInTheJobGraphAfterUse() throws Exception {
        PlatformEventSerializer used = PlatformEventSerializer.current();
        List<PlatformEvent> events = List.of(groupOf("e3", GroupBuyEventType.OPENED, "g1", "L2", null, 9_000, 3_000));
        roundTrip(used, events);
        PlatformEventSerializer shipped = InstantiationUtil.clone(used);
        assertThat(roundTrip(shipped, events)).isEqualTo(events);
    }

    private static List<PlatformEvent> roundTrip(PlatformEventSerializer serializer, List<PlatformEvent> events) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (PlatformEvent event : events) {
            serializer.serialize(event, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        List<PlatformEvent> read = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            read.add(serializer.deserialize(in));
        }
        return read;
    }
}
