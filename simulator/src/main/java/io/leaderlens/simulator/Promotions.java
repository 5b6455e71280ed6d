package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.simulator.World.Member;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The platform's subsidies as the simulator grants them, and what each order line is paid after them (schema v3):
 * <ul>
 *   <li>group price: an order inside a group buy is {@value #GROUP_PRICE_PERCENT}% below list (campaign {@code group-price});
 *   <li>flash sales (限时秒杀): one category per day at 10:00 and 20:00 local for an hour, {@value #FLASH_PERCENT}% off
 *       (campaign {@code flash-<date>-<hour>}); a quarter of the shoppers of that hour buy the category on sale;
 *   <li>spend and save (满减): {@value #SPEND_AND_SAVE_OFF_CENTS} cents off a line of at least
 *       {@value #SPEND_AND_SAVE_FROM_CENTS} after the discounts above (campaign {@code spend-49-save-5});
 *   <li>a new user's first order (a member who signed up during the simulation): a coupon of
 *       {@value #NEW_USER_COUPON_CENTS} cents on a line of at least {@value #NEW_USER_COUPON_FROM_CENTS} (campaign
 *       {@code new-user}; a first order below that keeps the coupon unused);
 *   <li>points: one per whole yuan paid, earned with the order; now and then a member spends up to a tenth of a line in
 *       points, {@value #CENTS_PER_POINT} cent each.
 * </ul>
 * A line is never discounted below {@value #MIN_PAID_CENTS} cents. Draws come from a sequence of their own, so the
 * world's other facts do not depend on them.
 */
final class Promotions {
    static final int GROUP_PRICE_PERCENT = 10;
    static final int FLASH_PERCENT = 20;
    static final long SPEND_AND_SAVE_FROM_CENTS = 4_900;
    static final long SPEND_AND_SAVE_OFF_CENTS = 500;
    static final long NEW_USER_COUPON_CENTS = 500;
    static final long NEW_USER_COUPON_FROM_CENTS = 1_500;
    static final long CENTS_PER_POINT = 1;
    static final long MIN_PAID_CENTS = 1;
    private static final int[] FLASH_HOURS = {10, 20};
    private static final double POINTS_SPENDING = 0.08;
    /** Of the shoppers ordering during a flash sale, the share who buy the category on sale instead of what they came for. */
    private static final double FLASH_TAKE_UP = 0.25;

    /** What one order line carries: its discounts, the points spent and earned, and what was paid. */
    record PriceBreakdown(long listCents, List<Discount> discounts, long pointsRedeemed, long pointsEarned, long paidCents) {
        OrderEvent.Builder applyTo(OrderEvent.Builder order) {
            return order.setListAmountCents(listCents).setDiscounts(discounts).setPointsRedeemed(pointsRedeemed)
                    .setPointsValueCents(pointsRedeemed * CENTS_PER_POINT).setPointsEarned(pointsEarned).setAmountCents(paidCents);
        }
    }

    private final Random random;
    private final ZoneId zone;
    private final long simulationStart;
    private final Set<String> ordered = new HashSet<>();
    private final Map<String, Long> points = new HashMap<>();
    private long coupons;

    Promotions(long seed, ZoneId zone, long simulationStart) {
        this.random = new Random(seed ^ 0x5_0B51_D1E5L);
        this.zone = requireNonNull(zone, "zone");
        this.simulationStart = simulationStart;
    }

    /** The breakdown of a line the member orders now (each order is priced once; its later steps repeat it). */
    PriceBreakdown price(Member member, Category category, long listCents, boolean inGroup, long now) {
        List<Discount> discounts = new ArrayList<>();
        long remaining = listCents;
        if (inGroup) {
            remaining -= add(discounts, DiscountKind.GROUP_PRICE, listCents * GROUP_PRICE_PERCENT / 100, "group-price", null, remaining);
        }
        String flash = flashSale(category, now);
        if (flash != null) {
            remaining -= add(discounts, DiscountKind.FLASH_SALE, listCents * FLASH_PERCENT / 100, flash, null, remaining);
        }
        if (remaining >= SPEND_AND_SAVE_FROM_CENTS) {
            remaining -= add(discounts, DiscountKind.SPEND_AND_SAVE, SPEND_AND_SAVE_OFF_CENTS, "spend-49-save-5", null, remaining);
        }
        boolean firstOrder = ordered.add(member.id());
        if (firstOrder && member.signedUpAt() >= simulationStart && remaining >= NEW_USER_COUPON_FROM_CENTS) {
            remaining -= add(discounts, DiscountKind.NEW_USER_FIRST_ORDER, NEW_USER_COUPON_CENTS, "new-user", "cp" + (++coupons), remaining);
        }
        long balance = points.getOrDefault(member.id(), 0L);
        long redeemed = 0;
        if (balance > 0 && random.nextDouble() < POINTS_SPENDING) {
            redeemed = Math.min(balance, Math.min(listCents / 10, remaining - MIN_PAID_CENTS) / CENTS_PER_POINT);
            redeemed = Math.max(0, redeemed);
            remaining -= redeemed * CENTS_PER_POINT;
        }
        long earned = remaining / 100;
        points.put(member.id(), balance - redeemed + earned);
        return new PriceBreakdown(listCents, List.copyOf(discounts), redeemed, earned, remaining);
    }

    /**
     * The take-up of flash sales: during one, a quarter of the shoppers buy a product of the category on sale instead
     * of {@code wanted}; otherwise (and outside the sales) the product they wanted.
     */
    World.Product choose(World.Product wanted, List<World.Product> products, long now) {
        Category onSale = categoryOnSale(now);
        if (onSale == null || onSale == wanted.category() || random.nextDouble() >= FLASH_TAKE_UP) {
            return wanted;
        }
        List<World.Product> sale = products.stream().filter(p -> p.category() == onSale).toList();
        return sale.isEmpty() ? wanted : sale.get(random.nextInt(sale.size()));
    }

    /** The category on flash sale at that time, or null. */
    Category categoryOnSale(long time) {
        ZonedDateTime local = Instant.ofEpochMilli(time).atZone(zone);
        for (int hour : FLASH_HOURS) {
            if (local.getHour() == hour) {
                // the category on sale follows from the day and the hour, so every order in the window agrees on it
                return Category.values()[Math.floorMod(local.toLocalDate().hashCode() * 31 + hour, Category.values().length)];
            }
        }
        return null;
    }

    /** The campaign of the flash sale on the category at that time, or null. */
    String flashSale(Category category, long time) {
        if (categoryOnSale(time) != category) {
            return null;
        }
        ZonedDateTime local = Instant.ofEpochMilli(time).atZone(zone);
        return "flash-" + local.toLocalDate() + "-" + local.getHour();
    }

    /** Adds a discount of at most what leaves {@link #MIN_PAID_CENTS}; returns what it took off. */
    private static long add(List<Discount> discounts, DiscountKind kind, long cents, String campaign, String coupon, long remaining) {
        long off = Math.min(cents, remaining - MIN_PAID_CENTS);
        if (off <= 0) {
            return 0;
        }
        discounts.add(Discount.newBuilder().setKind(kind).setAmountCents(off).setCampaignId(campaign).setCouponId(coupon).build());
        return off;
    }
}
