package io.leaderlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private final EventValidator validator = new EventValidator();

    private static OrderEvent.Builder order() {
        return OrderEvent.newBuilder().setEventId("e1").setOrderId("o1").setType(OrderEventType.PAID)
                .setUserId("u1").setLeaderId("L1").setCity("c").setProductId("p").setCategory("snacks")
                .setQuantity(1).setAmountCents(100).setCurrency("CNY").setPickupPointId("pp").setDeviceId("d")
                .setIp("i").setPaymentAccount("pa").setEventTime(1_700_000_000_000L);
    }

    @Test
    void acceptsAValidOrder() {
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().build())));
    }

    @Test
    void namesEachViolation() {
        assertEquals(Optional.of("negative amount_cents -5"), validator.violation(PlatformEvent.of(order().setAmountCents(-5).build())));
        assertEquals(Optional.of("quantity 0 is not positive"), validator.violation(PlatformEvent.of(order().setQuantity(0).build())));
        assertEquals(Optional.of("missing leader_id"), validator.violation(PlatformEvent.of(order().setLeaderId(" ").build())));
        assertEquals(Optional.of("event_time 0 is not a positive epoch millisecond"),
                validator.violation(PlatformEvent.of(order().setEventTime(0).build())));
    }

    @Test
    void refusesWhatWouldOverflowSumsBloatStateOrPoisonTheWatermark() {
        assertEquals(Optional.of("amount_cents 9223372036854775807 is above the ceiling of 100000000 per order"),
                validator.violation(PlatformEvent.of(order().setAmountCents(Long.MAX_VALUE).build())));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().setAmountCents(100_000_000L).build())));
        assertEquals(Optional.of("quantity 10001 is above 10000"), validator.violation(PlatformEvent.of(order().setQuantity(10_001).build())));
        assertEquals(Optional.of("city is 257 characters long (at most 256)"),
                validator.violation(PlatformEvent.of(order().setCity("x".repeat(257)).build())));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().setCity("x".repeat(256)).build())));
        assertEquals(Optional.of("event_time 2300-01-01T00:00:00Z is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(order().setEventTime(java.time.Instant.parse("2300-01-01T00:00:00Z").toEpochMilli()).build())));
        assertEquals(Optional.of("event_time 1999-12-31T23:59:59.999Z is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(order().setEventTime(java.time.Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() - 1).build())));
        assertEquals(Optional.of("event_time 1970-01-01T00:00:01Z is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(order().setEventTime(1_000).build())), "seconds taken for milliseconds");
        ReferralEvent longPoster = ReferralEvent.newBuilder().setEventId("r1").setType(ReferralEventType.POSTER_SHARED).setLeaderId("L1")
                .setCity("c").setPosterId("p".repeat(300)).setEventTime(1_700_000_000_000L).build();
        assertEquals(Optional.of("poster_id is 300 characters long (at most 256)"), validator.violation(PlatformEvent.of(longPoster)));
    }

    @Test
    void aReferrerBringsOnlySignupsAndNeverTheNewUserThemselves() {
        ReferralEvent.Builder signup = ReferralEvent.newBuilder().setEventId("r1").setType(ReferralEventType.SIGNED_UP).setLeaderId("L1")
                .setCity("c").setUserId("u2").setReferredByUserId("u1").setEventTime(1_700_000_000_000L);
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(signup.build())));
        assertEquals(Optional.of("referred_by_user_id is the new user u2 (nobody brings themselves)"),
                validator.violation(PlatformEvent.of(signup.setReferredByUserId("u2").build())));
        assertEquals(Optional.of("referred_by_user_id on SCANNED (only a signup is brought by a member)"),
                validator.violation(PlatformEvent.of(signup.setType(ReferralEventType.SCANNED).setReferredByUserId("u1").build())));
    }

    @Test
    void aCampaignIsThePlatformsWithoutALeaderAndOffersAStockInAWindow() {
        long start = 1_700_000_000_000L;
        CampaignEvent.Builder sale = CampaignEvent.newBuilder().setEventId("c1").setType(CampaignEventType.STARTED).setCampaignId("flash-1")
                .setKind(CampaignKind.FLASH_SALE).setCategory("snacks").setDiscountPercent(20).setStockUnits(40)
                .setStartsAt(start).setEndsAt(start + 3_600_000L).setEventTime(start);
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(sale.build())), "no leader_id, and none missing");
        assertEquals(Optional.of("missing campaign_id"), validator.violation(PlatformEvent.of(sale.setCampaignId(" ").build())));
        sale.setCampaignId("flash-1");
        assertEquals(Optional.of("discount_percent 100 is not between 1 and 99"),
                validator.violation(PlatformEvent.of(sale.setDiscountPercent(100).build())));
        sale.setDiscountPercent(20);
        assertEquals(Optional.of("stock_units -1 is not between 0 and 1000000000"), validator.violation(PlatformEvent.of(sale.setStockUnits(-1).build())));
        sale.setStockUnits(40);
        assertEquals(Optional.of("window 2023-11-14T22:13:20Z to 2023-11-14T22:13:20Z does not open before it closes within the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(sale.setEndsAt(start).build())));
    }

    private static Discount discount(DiscountKind kind, long cents) {
        return Discount.newBuilder().setKind(kind).setAmountCents(cents).setCampaignId("c-" + kind).build();
    }

    @Test
    void acceptsAPriceBreakdownThatAddsUp() {
        // list 1,000 = paid 100 + group price 100 + flash sale 200 + a 500 coupon + 100 cents of points
        OrderEvent.Builder paid = order().setListAmountCents(1_000L).setPointsRedeemed(100).setPointsValueCents(100).setPointsEarned(1)
                .setDiscounts(java.util.List.of(discount(DiscountKind.GROUP_PRICE, 100), discount(DiscountKind.FLASH_SALE, 200),
                        discount(DiscountKind.NEW_USER_FIRST_ORDER, 500)));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(paid.build())));
        // a refund's amount is what was refunded, not what the breakdown says was paid
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(paid.setType(OrderEventType.REFUNDED).setAmountCents(40).build())));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(order().setListAmountCents(100L).build())), "full price");
    }

    @Test
    void namesEachWayABreakdownFailsToAddUp() {
        assertEquals(Optional.of("amount_cents 100 is not list_amount_cents 1000 less discounts 300 and points 0 (700)"),
                validator.violation(PlatformEvent.of(order().setListAmountCents(1_000L)
                        .setDiscounts(java.util.List.of(discount(DiscountKind.GROUP_PRICE, 100), discount(DiscountKind.FLASH_SALE, 200))).build())));
        assertEquals(Optional.of("discount SPEND_AND_SAVE of 0 cents is not between 1 and 100000000"),
                validator.violation(PlatformEvent.of(order().setListAmountCents(100L)
                        .setDiscounts(java.util.List.of(discount(DiscountKind.SPEND_AND_SAVE, 0))).build())));
        assertEquals(Optional.of("discounts or points without list_amount_cents"),
                validator.violation(PlatformEvent.of(order().setDiscounts(java.util.List.of(discount(DiscountKind.FLASH_SALE, 5))).build())));
        assertEquals(Optional.of("negative points (redeemed -1, value_cents 0, earned 0)"),
                validator.violation(PlatformEvent.of(order().setPointsRedeemed(-1).build())));
        assertEquals(Optional.of("list_amount_cents -1 is not between 0 and 100000000"),
                validator.violation(PlatformEvent.of(order().setListAmountCents(-1L).build())));
        assertEquals(Optional.of("17 discounts on one order (at most 16)"),
                validator.violation(PlatformEvent.of(order().setListAmountCents(117L)
                        .setDiscounts(java.util.Collections.nCopies(17, discount(DiscountKind.GROUP_PRICE, 1))).build())));
    }

    @Test
    void aCouponNamesItsHolderHasAValueAndARedemptionItsOrder() {
        CouponEvent.Builder issued = CouponEvent.newBuilder().setEventId("e9").setType(CouponEventType.ISSUED).setCouponId("cp1")
                .setLeaderId("L1").setCity("hangzhou").setUserId("u1").setReason(CouponReason.NEW_USER).setCampaignId("new-user")
                .setValueCents(500).setMinSpendCents(1_500).setExpiresAt(1_700_604_800_000L).setEventTime(1_700_000_000_000L);
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(issued.build())));
        assertEquals(Optional.of("REDEEMED without order_id"),
                validator.violation(PlatformEvent.of(CouponEvent.newBuilder(issued.build()).setType(CouponEventType.REDEEMED).build())));
        assertEquals(Optional.empty(), validator.violation(PlatformEvent.of(
                CouponEvent.newBuilder(issued.build()).setType(CouponEventType.REDEEMED).setOrderId("o1").build())));
        assertEquals(Optional.of("a REFERRAL_REWARD issued without referee_id"),
                validator.violation(PlatformEvent.of(CouponEvent.newBuilder(issued.build()).setReason(CouponReason.REFERRAL_REWARD).build())));
        assertEquals(Optional.of("value_cents 0 is not between 1 and 100000000"),
                validator.violation(PlatformEvent.of(CouponEvent.newBuilder(issued.build()).setValueCents(0).build())));
        assertEquals(Optional.of("min_spend_cents -1 is not between 0 and 100000000"),
                validator.violation(PlatformEvent.of(CouponEvent.newBuilder(issued.build()).setMinSpendCents(-1).build())));
        assertEquals(Optional.of("expires_at 1700000000 is outside the years 2000 to 2099"),
                validator.violation(PlatformEvent.of(CouponEvent.newBuilder(issued.build()).setExpiresAt(1_700_000_000L).build())));
        assertEquals(Optional.of("missing coupon_id or user_id"),
                validator.violation(PlatformEvent.of(CouponEvent.newBuilder(issued.build()).setUserId(" ").build())));
    }

    @Test
    void aTooLongTextInsideAListIsNamedByItsPath() {
        String longId = "c".repeat(EventValidator.MAX_TEXT_LENGTH + 1);
        Discount coupon = Discount.newBuilder().setKind(DiscountKind.NEW_USER_FIRST_ORDER).setAmountCents(100).setCouponId(longId).build();
        assertEquals(Optional.of("discounts[0].coupon_id is 257 characters long (at most 256)"),
                validator.violation(PlatformEvent.of(order().setListAmountCents(1_100L).setDiscounts(java.util.List.of(coupon)).build())));
    }
}
