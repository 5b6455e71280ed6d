package io.leaderlens.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The content rules every event must meet before it is counted. A violation is a dead letter with
 * this reason, never an exception that restarts a job.
 */
public final class EventValidator {
    /**
     * One order of a community group buy above a million yuan is a broken producer, not a sale; the ceiling also
     * keeps every sum of amounts far from long overflow (9.2e18 cents are 9.2e10 such orders).
     */
    public static final long MAX_AMOUNT_CENTS = 100_000_000L;
    public static final int MAX_QUANTITY = 10_000;
    /** A campaign's stock: a hundred thousand orders of the largest quantity; more is a broken producer. */
    public static final long MAX_STOCK_UNITS = 1_000_000_000L;
    /** Stacked subsidies on one order line: a handful in practice; more is a broken producer. */
    public static final int MAX_DISCOUNTS = 16;
    /** Ids, cities, categories, IPs: none is longer; a longer one would bloat state, tables and dictionaries. */
    public static final int MAX_TEXT_LENGTH = 256;
    /**
     * Event times outside these years are a broken clock or a unit error (seconds for milliseconds); one far-future
     * event would otherwise move its partition's watermark years ahead and make every later event late.
     */
    public static final long EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    public static final long LATEST_EVENT_TIME = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    /** Groups have 2, 3, 5 or 7 members. */
    private static boolean isValidGroupSize(int size) {
        return size == 2 || size == 3 || size == 5 || size == 7;
    }

    public Optional<String> violation(PlatformEvent event) {
        if (blank(event.eventId())) {
            return Optional.of("missing event_id");
        }
        if (event.atALeader() && blank(event.leaderId())) {
            return Optional.of("missing leader_id");
        }
        if (event.eventTime() <= 0) {
            return Optional.of("event_time " + event.eventTime() + " is not a positive epoch millisecond");
        }
        if (event.eventTime() < EARLIEST_EVENT_TIME || event.eventTime() >= LATEST_EVENT_TIME) {
            return Optional.of("event_time " + Instant.ofEpochMilli(event.eventTime()) + " is outside the years 2000 to 2099");
        }
        Optional<String> longText = tooLongText(event);
        if (longText.isPresent()) {
            return longText;
        }
        if (event.order() != null) {
            OrderEvent order = event.order();
            if (order.getAmountCents() < 0) {
                return Optional.of("negative amount_cents " + order.getAmountCents());
            }
            if (order.getAmountCents() > MAX_AMOUNT_CENTS) {
                return Optional.of("amount_cents " + order.getAmountCents() + " is above the ceiling of " + MAX_AMOUNT_CENTS + " per order");
            }
            if (order.getQuantity() <= 0) {
                return Optional.of("quantity " + order.getQuantity() + " is not positive");
            }
            if (order.getQuantity() > MAX_QUANTITY) {
                return Optional.of("quantity " + order.getQuantity() + " is above " + MAX_QUANTITY);
            }
            if (blank(order.getUserId()) || blank(order.getOrderId())) {
                return Optional.of("missing user_id or order_id");
            }
            Optional<String> breakdown = priceBreakdownViolation(order);
            if (breakdown.isPresent()) {
                return breakdown;
            }
        }
        if (event.campaign() != null) {
            Optional<String> campaign = campaignViolation(event.campaign());
            if (campaign.isPresent()) {
                return campaign;
            }
        }
        if (event.coupon() != null) {
            Optional<String> coupon = couponViolation(event.coupon());
            if (coupon.isPresent()) {
                return coupon;
            }
        }
        ReferralEvent referral = event.referral();
        if (referral != null && referral.getReferredByUserId() != null) {
            if (referral.getType() != ReferralEventType.SIGNED_UP) {
                return Optional.of("referred_by_user_id on " + referral.getType() + " (only a signup is brought by a member)");
            }
            if (referral.getReferredByUserId().equals(referral.getUserId())) {
                return Optional.of("referred_by_user_id is the new user " + referral.getUserId() + " (nobody brings themselves)");
            }
        }
        if (event.groupBuy() != null && !isValidGroupSize(event.groupBuy().getGroupSize())) {
            return Optional.of("group_size " + event.groupBuy().getGroupSize() + " is not 2, 3, 5 or 7");
        }
        return Optional.empty();
    }

    /**
     * The v3 price breakdown adds up: what was paid is the list amount less the discounts and the points' value (not
     * on REFUNDED, whose amount is the refund). An order without a list amount (before v3) has no breakdown at all.
     */
    private static Optional<String> priceBreakdownViolation(OrderEvent order) {
        if (order.getPointsRedeemed() < 0 || order.getPointsValueCents() < 0 || order.getPointsEarned() < 0) {
            return Optional.of("negative points (redeemed " + order.getPointsRedeemed() + ", value_cents " + order.getPointsValueCents()
                    + ", earned " + order.getPointsEarned() + ")");
        }
        if (order.getPointsValueCents() > MAX_AMOUNT_CENTS) {
            return Optional.of("points_value_cents " + order.getPointsValueCents() + " is above the ceiling of " + MAX_AMOUNT_CENTS);
        }
        if (order.getDiscounts().size() > MAX_DISCOUNTS) {
            return Optional.of(order.getDiscounts().size() + " discounts on one order (at most " + MAX_DISCOUNTS + ")");
        }
        long discounted = 0;
        for (Discount d : order.getDiscounts()) {
            if (d.getAmountCents() <= 0 || d.getAmountCents() > MAX_AMOUNT_CENTS) {
                return Optional.of("discount " + d.getKind() + " of " + d.getAmountCents() + " cents is not between 1 and " + MAX_AMOUNT_CENTS);
            }
            discounted += d.getAmountCents();
        }
        Long list = order.getListAmountCents();
        if (list == null) {
            return discounted == 0 && order.getPointsValueCents() == 0 ? Optional.empty()
                    : Optional.of("discounts or points without list_amount_cents");
        }
        if (list < 0 || list > MAX_AMOUNT_CENTS) {
            return Optional.of("list_amount_cents " + list + " is not between 0 and " + MAX_AMOUNT_CENTS);
        }
        long expected = list - discounted - order.getPointsValueCents();
        if (order.getType() != OrderEventType.REFUNDED && order.getAmountCents() != expected) {
            return Optional.of("amount_cents " + order.getAmountCents() + " is not list_amount_cents " + list + " less discounts "
                    + discounted + " and points " + order.getPointsValueCents() + " (" + expected + ")");
        }
        return Optional.empty();
    }

    /** A campaign names itself, takes something off (not everything), offers a stock and has a window that opens before it closes. */
    private static Optional<String> campaignViolation(CampaignEvent campaign) {
        if (blank(campaign.getCampaignId())) {
            return Optional.of("missing campaign_id");
        }
        if (campaign.getDiscountPercent() < 1 || campaign.getDiscountPercent() > 99) {
            return Optional.of("discount_percent " + campaign.getDiscountPercent() + " is not between 1 and 99");
        }
        if (campaign.getStockUnits() < 0 || campaign.getStockUnits() > MAX_STOCK_UNITS) {
            return Optional.of("stock_units " + campaign.getStockUnits() + " is not between 0 and " + MAX_STOCK_UNITS);
        }
        if (campaign.getStartsAt() < EARLIEST_EVENT_TIME || campaign.getEndsAt() >= LATEST_EVENT_TIME
                || campaign.getStartsAt() >= campaign.getEndsAt()) {
            return Optional.of("window " + Instant.ofEpochMilli(campaign.getStartsAt()) + " to " + Instant.ofEpochMilli(campaign.getEndsAt())
                    + " does not open before it closes within the years 2000 to 2099");
        }
        return Optional.empty();
    }

    /** A coupon names its holder and itself, has a value, and a redemption names its order. */
    private static Optional<String> couponViolation(CouponEvent coupon) {
        if (blank(coupon.getCouponId()) || blank(coupon.getUserId())) {
            return Optional.of("missing coupon_id or user_id");
        }
        if (coupon.getValueCents() <= 0 || coupon.getValueCents() > MAX_AMOUNT_CENTS) {
            return Optional.of("value_cents " + coupon.getValueCents() + " is not between 1 and " + MAX_AMOUNT_CENTS);
        }
        if (coupon.getMinSpendCents() < 0 || coupon.getMinSpendCents() > MAX_AMOUNT_CENTS) {
            return Optional.of("min_spend_cents " + coupon.getMinSpendCents() + " is not between 0 and " + MAX_AMOUNT_CENTS);
        }
        if (coupon.getExpiresAt() < EARLIEST_EVENT_TIME || coupon.getExpiresAt() >= LATEST_EVENT_TIME) {
            return Optional.of("expires_at " + coupon.getExpiresAt() + " is outside the years 2000 to 2099");
        }
        if (coupon.getType() == CouponEventType.REDEEMED && blank(coupon.getOrderId())) {
            return Optional.of("REDEEMED without order_id");
        }
        if (coupon.getType() == CouponEventType.ISSUED && coupon.getReason() == CouponReason.REFERRAL_REWARD && blank(coupon.getRefereeId())) {
            return Optional.of("a REFERRAL_REWARD issued without referee_id");
        }
        return Optional.empty();
    }

    /** Every text field of the event, whatever its type, read through its schema, in lists and nested records too. */
    private static Optional<String> tooLongText(PlatformEvent event) {
        // walked once without building the fields' names (this runs for every event), again to name the one found
        return anyTooLong(event.record()) ? tooLongText(event.record(), "") : Optional.empty();
    }

    private static boolean anyTooLong(Object value) {
        if (value instanceof CharSequence text) {
            return text.length() > MAX_TEXT_LENGTH;
        }
        if (value instanceof IndexedRecord record) {
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                if (anyTooLong(record.get(i))) {
                    return true;
                }
            }
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (anyTooLong(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> tooLongText(IndexedRecord record, String prefix) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Optional<String> found = tooLongValue(record.get(field.pos()), prefix + field.name());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tooLongValue(Object value, String name) {
        if (value instanceof CharSequence text && text.length() > MAX_TEXT_LENGTH) {
            return Optional.of(name + " is " + text.length() + " characters long (at most " + MAX_TEXT_LENGTH + ")");
        }
        if (value instanceof IndexedRecord nested) {
            return tooLongText(nested, name + ".");
        }
        if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                Optional<String> found = tooLongValue(items.get(i), name + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
