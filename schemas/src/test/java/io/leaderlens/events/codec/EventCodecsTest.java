package io.leaderlens.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class EventCodecsTest {
    private final BinaryEventCodec binary = new BinaryEventCodec();
    private final JsonEventCodec json = new JsonEventCodec();

    static OrderEvent order() {
        return OrderEvent.newBuilder().setEventId("e1").setOrderId("o1").setType(OrderEventType.PAID)
                .setUserId("u1").setLeaderId("L1").setCity("hangzhou").setGroupBuyId(null).setProductId("p1")
                .setCategory("fresh_produce").setQuantity(2).setAmountCents(1_990L).setCurrency("CNY")
                .setPickupPointId("pp1").setDeviceId("d1").setIp("10.0.0.1").setPaymentAccount("pa1")
                .setEventTime(1_700_000_000_000L).build();
    }

    static io.leaderlens.events.CouponEvent coupon() {
        return io.leaderlens.events.CouponEvent.newBuilder().setEventId("e4").setType(io.leaderlens.events.CouponEventType.ISSUED)
                .setCouponId("cp1").setLeaderId("L1").setCity("hangzhou").setUserId("u2").setReason(io.leaderlens.events.CouponReason.REFERRAL_REWARD)
                .setCampaignId("referral-reward").setValueCents(300).setMinSpendCents(2_000).setExpiresAt(1_701_209_600_000L)
                .setRefereeId("u3").setEventTime(1_700_000_000_000L).build();
    }

    static List<Object> allKinds() {
        GroupBuyEvent group = GroupBuyEvent.newBuilder().setEventId("e2").setGroupBuyId("g1")
                .setType(GroupBuyEventType.OPENED).setLeaderId("L1").setCity("hangzhou").setUserId("u1")
                .setOpenedByLeader(false).setProductId("p1").setGroupSize(3).setMemberCount(1)
                .setDeadline(1_700_000_600_000L).setEventTime(1_700_000_000_000L).build();
        ReferralEvent referral = ReferralEvent.newBuilder().setEventId("e3").setType(ReferralEventType.POSTER_SHARED)
                .setLeaderId("L1").setCity("hangzhou").setPosterId("poster-1").setEventTime(1_700_000_000_000L).build();
        return List.of(order(), group, referral, coupon());
    }

    @Test
    void binaryRoundTripsEveryKind() throws Exception {
        for (Object event : allKinds()) {
            PlatformEvent decoded = binary.decode(binary.encode((org.apache.avro.specific.SpecificRecord) event));
            assertEquals(event, decoded.record());
        }
    }

    @Test
    void jsonRoundTripsEveryKindAndKeepsNulls() throws Exception {
        for (Object event : allKinds()) {
            String line = json.encode((org.apache.avro.specific.SpecificRecord) event);
            assertThat(line).doesNotContain("\n");
            assertEquals(event, json.decode(line).record());
        }
        assertThat(json.encode(order())).contains("\"group_buy_id\":null").contains("\"amount_cents\":1990");
    }

    @Test
    void binaryRefusesGarbageWithReasons() {
        assertThat(assertThrows(EventDecodingException.class, () -> binary.decode("hello".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not Avro single-object encoding");
        byte[] valid = binary.encode(order());
        byte[] truncated = Arrays.copyOf(valid, 14);
        assertThat(assertThrows(EventDecodingException.class, () -> binary.decode(truncated)))
                .hasMessageContaining("malformed OrderEvent body");
    }

    @Test
    void eventTimeReaderReadsWhatTheFullDecodeReadsAndRefusesTheSame() throws Exception {
        EventTimeReader times = new EventTimeReader();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            for (Object event : allKinds()) {
                org.apache.avro.specific.SpecificRecord record = (org.apache.avro.specific.SpecificRecord) event;
                // strings of every length before it
                record.put(record.getSchema().getField("event_id").pos(), "e" + "x".repeat(random.nextInt(40)) + i);
                record.put(record.getSchema().getField("event_time").pos(), random.nextLong() >>> 20);
                byte[] bytes = binary.encode(record);
                assertThat(times.eventTime(bytes)).isEqualTo(binary.decode(bytes).eventTime());
            }
        }
        assertThat(assertThrows(EventDecodingException.class, () -> times.eventTime("hello".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not Avro single-object encoding");
        assertThat(assertThrows(EventDecodingException.class, () -> times.eventTime(Arrays.copyOf(binary.encode(order()), 14))))
                .hasMessageContaining("malformed body");
    }

    @Test
    void binaryRefusesAnUnknownWriterSchema() throws Exception {
        Schema stranger = SchemaBuilder.record("Stranger").fields().requiredString("x").endRecord();
        GenericData.Record record = new GenericData.Record(stranger);
        record.put("x", "y");
        byte[] bytes = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), stranger).encode(record).array();
        assertThat(assertThrows(EventDecodingException.class, () -> binary.decode(bytes)))
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void jsonRefusesUnknownTypesAndMissingFields() {
        String line = json.encode(order());
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode(line.replace("\"PAID\"", "\"STOLEN\""))))
                .hasMessage("unknown OrderEvent.type 'STOLEN'");
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode(line.replace("\"user_id\":\"u1\",", ""))))
                .hasMessage("missing required field OrderEvent.user_id");
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode("{oops")))
                .hasMessageStartingWith("not JSON");
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode("{\"schema\":\"Nope\"}")))
                .hasMessage("unknown event schema 'Nope'");
    }

    /** An order with its v3 price breakdown: list 2,490 = paid 1,990 + a 300 flash-sale discount + a 100 coupon + 100 cents of points. */
    static OrderEvent discountedOrder() {
        return OrderEvent.newBuilder(order()).setListAmountCents(2_490L).setPointsRedeemed(100).setPointsValueCents(100).setPointsEarned(19)
                .setDiscounts(List.of(
                        Discount.newBuilder().setKind(DiscountKind.FLASH_SALE).setAmountCents(300).setCampaignId("flash-1").build(),
                        Discount.newBuilder().setKind(DiscountKind.NEW_USER_FIRST_ORDER).setAmountCents(100).setCampaignId("new-user")
                                .setCouponId("cp1").build()))
                .build();
    }

    @Test
    void bothFormsCarryThePriceBreakdown() throws Exception {
        OrderEvent discounted = discountedOrder();
        assertEquals(discounted, binary.decode(binary.encode(discounted)).record());
        String line = json.encode(discounted);
        assertEquals(discounted, json.decode(line).record());
        assertThat(line).contains("\"discounts\":[{\"kind\":\"FLASH_SALE\",\"amount_cents\":300,\"campaign_id\":\"flash-1\",\"coupon_id\":null},"
                + "{\"kind\":\"NEW_USER_FIRST_ORDER\",\"amount_cents\":100,\"campaign_id\":\"new-user\",\"coupon_id\":\"cp1\"}]");
        // a line from before v3 has no breakdown: it reads as unknown (no list amount), not as full price
        String before = line.substring(0, line.indexOf(",\"list_amount_cents\"")) + "}";
        OrderEvent old = json.decode(before).order();
        assertThat(old.getListAmountCents()).isNull();
        assertThat(old.getDiscounts()).isEmpty();
        assertThat(old.getPointsRedeemed()).isZero();
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode(line.replace("\"FLASH_SALE\"", "\"FREE_LUNCH\""))))
                .hasMessage("unknown OrderEvent.discounts[0].kind 'FREE_LUNCH'");
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode(line.replace("\"amount_cents\":300", "\"amount_cents\":\"300\""))))
                .hasMessage("OrderEvent.discounts[0].amount_cents must be an integer");
        assertThat(assertThrows(EventDecodingException.class, () -> json.decode(before.replace("}", ",\"discounts\":{}}"))))
                .hasMessage("OrderEvent.discounts must be an array");
    }
}
