package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.CampaignEvent;
import io.leaderlens.events.CampaignEventType;
import io.leaderlens.events.CampaignKind;
import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.CouponEventType;
import io.leaderlens.events.CouponReason;
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
import java.util.function.Function;

/**
 * The platform's subsidies as the simulator grants them, and what each order line is paid after them (schema v3):
 * <ul>
 *   <li>group price: an order inside a group buy is {@value #GROUP_PRICE_PERCENT}% below list (campaign {@code group-price});
 *   <li>flash sales (限时秒杀): one category per day at 10:00 and 20:00 local for an hour, {@value #FLASH_PERCENT}% off
 *       (campaign {@code flash-<date>-<hour>}) on a limited stock of units ({@link CampaignEvent} STARTED, SOLD_OUT,
 *       ENDED); a quarter of the shoppers of that hour buy the category on sale while stock lasts; an order line
 *       claims its quantity when placed, and one larger than what is left is sold at list price. The merchandiser
 *       sizes each sale's stock on the last one: what it claimed, more when it sold out;
 *   <li>spend and save (满减): {@value #SPEND_AND_SAVE_OFF_CENTS} cents off a line of at least
 *       {@value #SPEND_AND_SAVE_FROM_CENTS} after the discounts above (campaign {@code spend-49-save-5});
 *   <li>a new user's first order: every member who signs up during the simulation is issued a coupon of
 *       {@value #NEW_USER_COUPON_CENTS} cents on a line of at least {@value #NEW_USER_COUPON_FROM_CENTS}, valid for
 *       {@value #NEW_USER_COUPON_DAYS} days (campaign {@code new-user}); only the first order can redeem it (a first order
 *       below the minimum leaves it to expire);
 *   <li>the referral reward (老带新): half of the signups through a poster were brought by a member of the same leader
 *       who passed the poster on; when the new user's first order is paid, that member is issued a coupon of
 *       {@value #REFERRAL_REWARD_CENTS} cents on a line of at least {@value #REFERRAL_REWARD_FROM_CENTS}, valid for
 *       {@value #REFERRAL_REWARD_DAYS} days (campaign {@code referral-reward}), redeemed on the next order that reaches
 *       it;
 *   <li>active members (活跃用户): every morning at {@value #ACTIVE_USER_HOUR}:00, a member with at least
 *       {@value #ACTIVE_USER_ORDERS_7D} paid orders in the week before who was issued no active-member coupon in it gets one of
 *       {@value #ACTIVE_USER_COUPON_CENTS} cents on a line of at least {@value #ACTIVE_USER_COUPON_FROM_CENTS}, valid for
 *       {@value #ACTIVE_USER_COUPON_DAYS} days (campaign {@code active-user}), redeemed like a referral reward;
 *   <li>points: one per whole yuan paid, earned with the order; now and then a member spends up to a tenth of a line in
 *       points, {@value #CENTS_PER_POINT} cent each.
 * </ul>
 * One coupon per order; a coupon is redeemed when the order is placed and not given back if it is cancelled. Coupons
 * have a life of their own ({@link CouponEvent}: ISSUED, REDEEMED, EXPIRED), with ids and event ids of their own
 * sequence ({@code cp…}, {@code ce…}, unique across seeds). A line is never discounted below {@value #MIN_PAID_CENTS}
 * cents. Draws come from a sequence of their own, so the world's other facts do not depend on them.
 */
final class Promotions {
    static final int GROUP_PRICE_PERCENT = 10;
    static final int FLASH_PERCENT = 20;
    static final long SPEND_AND_SAVE_FROM_CENTS = 4_900;
    static final long SPEND_AND_SAVE_OFF_CENTS = 500;
    static final long NEW_USER_COUPON_CENTS = 500;
    static final long NEW_USER_COUPON_FROM_CENTS = 1_500;
    static final int NEW_USER_COUPON_DAYS = 7;
    static final long REFERRAL_REWARD_CENTS = 300;
    static final long REFERRAL_REWARD_FROM_CENTS = 2_000;
    static final int REFERRAL_REWARD_DAYS = 14;
    static final long ACTIVE_USER_COUPON_CENTS = 300;
    static final long ACTIVE_USER_COUPON_FROM_CENTS = 3_000;
    static final int ACTIVE_USER_COUPON_DAYS = 3;
    static final int ACTIVE_USER_ORDERS_7D = 4;
    static final int ACTIVE_USER_HOUR = 9;
    private static final double REFERRED_BY_A_MEMBER = 0.5;
    private static final long DAY = 24 * 3_600_000L;
    static final long CENTS_PER_POINT = 1;
    static final long MIN_PAID_CENTS = 1;
    private static final int[] FLASH_HOURS = {10, 20};
    private static final double POINTS_SPENDING = 0.08;
    /** Of the shoppers ordering during a flash sale, the share who buy the category on sale instead of what they came for. */
    private static final double FLASH_TAKE_UP = 0.25;
    /** The first flash sale's stock; later ones are sized on the last (never below the minimum). */
    static final long FIRST_FLASH_STOCK_UNITS = 20;
    static final long MIN_FLASH_STOCK_UNITS = 5;
    private static final long HOUR = 3_600_000L;

    /** What one order line carries: its discounts, the points spent and earned, what was paid, and the coupon it redeemed. */
    record PriceBreakdown(long listCents, List<Discount> discounts, long pointsRedeemed, long pointsEarned, long paidCents,
                          CouponEvent redeemed, CampaignEvent soldOut) {
        OrderEvent.Builder applyTo(OrderEvent.Builder order) {
            return order.setListAmountCents(listCents).setDiscounts(discounts).setPointsRedeemed(pointsRedeemed)
                    .setPointsValueCents(pointsRedeemed * CENTS_PER_POINT).setPointsEarned(pointsEarned).setAmountCents(paidCents);
        }
    }

    /** A coupon issued and not yet redeemed or expired. */
    private record Held(CouponEvent issued) {
        boolean usableOn(long remainingCents, long now) {
            // a referral reward is issued at the new user's payment, which is decided (and held) when their order is placed
            return now >= issued.getEventTime() && now < issued.getExpiresAt() && remainingCents >= issued.getMinSpendCents();
        }
    }

    private final Random random;
    private final ZoneId zone;
    private final long simulationStart;
    private final String idSuffix;
    private final Function<String, String> cityOfLeader;
    private final Set<String> ordered = new HashSet<>();
    private final Map<String, Long> points = new HashMap<>();
    /** member → the coupons they hold, oldest first */
    private final Map<String, List<Held>> held = new HashMap<>();
    /** coupon id → the holder, while the coupon is held */
    private final Map<String, String> holderOf = new HashMap<>();
    /** new user → the member who passed them the poster, until the new user's first order is paid */
    private final Map<String, Member> referrerOf = new HashMap<>();
    /** member → when their orders of the last week were paid (oldest first), for the active-member coupons */
    private final Map<String, java.util.ArrayDeque<Long>> paidLastWeek = new java.util.LinkedHashMap<>();
    private final Map<String, Member> payers = new HashMap<>();
    /** member → when they were last issued an active-member coupon (one a week at most) */
    private final Map<String, Long> lastActiveCoupon = new HashMap<>();
    /** new user → who brings them (null: nobody), decided before their signup */
    private final Map<String, Member> decidedReferrer = new HashMap<>();
    private long coupons;
    private long couponEvents;
    /** running flash sales by campaign id */
    private final Map<String, FlashSale> flashSales = new HashMap<>();
    /** the stock decisions' own sequence: flash sales do not move the other draws */
    private final Random merchandiser;
    private long lastSaleClaimed = -1;
    private boolean lastSaleSoldOut;
    private long campaignEvents;

    /** A flash sale while it runs: what it offered and what orders have claimed. */
    private static final class FlashSale {
        final CampaignEvent started;
        long claimed;

        FlashSale(CampaignEvent started) {
            this.started = started;
        }

        long left() {
            return started.getStockUnits() - claimed;
        }
    }

    Promotions(long seed, ZoneId zone, long simulationStart, Function<String, String> cityOfLeader) {
        this.random = new Random(seed ^ 0x5_0B51_D1E5L);
        this.merchandiser = new Random(seed ^ 0x5_70C4_5EEDL);
        this.zone = requireNonNull(zone, "zone");
        this.simulationStart = simulationStart;
        this.idSuffix = Long.toString(seed, 36) + "-";
        this.cityOfLeader = requireNonNull(cityOfLeader, "cityOfLeader");
    }

    /** What a signup brings: the new-user coupon's ISSUED event (or null) and the member who brought the new user (or null). */
    record Signup(CouponEvent coupon, Member referrer) {}

    /**
     * A signup: a member who signs up during the simulation is issued the new-user coupon; a signup through a poster
     * may have been brought by a member of the leader's ({@code members}), who is rewarded once the new user has paid,
     * unless the caller decided who brought them ({@link #broughtBy}) before the signup.
     */
    Signup signedUp(String userId, String leaderId, String city, String posterId, long time, List<Member> members) {
        boolean decided = decidedReferrer.containsKey(userId);
        Member chosen = decidedReferrer.remove(userId);
        if (time < simulationStart || ordered.contains(userId) || held.containsKey(userId)) {
            return new Signup(null, decided ? bring(userId, chosen) : null);
        }
        Member drawn = null;
        if (posterId != null && random.nextDouble() < REFERRED_BY_A_MEMBER) {
            List<Member> earlier = members.stream().filter(m -> !m.id().equals(userId) && m.signedUpAt() < time).toList();
            if (!earlier.isEmpty()) {
                drawn = earlier.get(random.nextInt(earlier.size()));
            }
        }
        Member referrer = bring(userId, decided ? chosen : drawn);
        return new Signup(issue(userId, leaderId, city, CouponReason.NEW_USER, "new-user", NEW_USER_COUPON_CENTS, NEW_USER_COUPON_FROM_CENTS,
                NEW_USER_COUPON_DAYS, null, time), referrer);
    }

    private Member bring(String userId, Member referrer) {
        if (referrer != null) {
            referrerOf.put(userId, referrer);
        }
        return referrer;
    }

    /**
     * Who brings a new user, decided by the caller before the signup (a farm closing the reward loop through its own
     * accounts) instead of the draw at signup: {@code referrer} is rewarded at the new user's first payment; null means
     * nobody is. The draw is still made, so the rest of the world does not change with the decision.
     */
    void broughtBy(String userId, Member referrer) {
        decidedReferrer.put(userId, referrer);
    }

    /**
     * An order of the member's is paid: counted for the active-member coupons; at a new user's first, the member who
     * brought them gets the referral reward (its ISSUED event, else null).
     */
    CouponEvent orderPaid(Member member, long time) {
        paidLastWeek.computeIfAbsent(member.id(), k -> new java.util.ArrayDeque<>()).addLast(time);
        payers.put(member.id(), member);
        Member referrer = referrerOf.remove(member.id());
        if (referrer == null) {
            return null;
        }
        return issue(referrer.id(), referrer.leaderId(), cityOfLeader.apply(referrer.leaderId()), CouponReason.REFERRAL_REWARD,
                "referral-reward", REFERRAL_REWARD_CENTS, REFERRAL_REWARD_FROM_CENTS, REFERRAL_REWARD_DAYS, member.id(), time);
    }

    /** The mornings the active-member coupons are issued on, in [start, end). */
    List<Long> activeMemberMornings(long start, long end) {
        return dailyAt(start, end, ACTIVE_USER_HOUR);
    }

    /**
     * The morning's active-member coupons (their ISSUED events): one to each member with at least
     * {@value #ACTIVE_USER_ORDERS_7D} orders paid in the week before who was issued none in it.
     */
    List<CouponEvent> rewardActiveMembers(long now) {
        List<CouponEvent> issued = new ArrayList<>();
        var members = paidLastWeek.entrySet().iterator();
        while (members.hasNext()) {
            var paid = members.next();
            java.util.ArrayDeque<Long> times = paid.getValue();
            while (!times.isEmpty() && times.peekFirst() <= now - 7 * DAY) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                members.remove();
                payers.remove(paid.getKey());
                continue;
            }
            // payments are recorded when their orders are placed, a few minutes ahead: only those already made count
            long paidInTheWeek = times.stream().filter(t -> t > now - 7 * DAY && t <= now).count();
            boolean issuedThisWeek = lastActiveCoupon.getOrDefault(paid.getKey(), Long.MIN_VALUE) > now - 7 * DAY;
            if (paidInTheWeek >= ACTIVE_USER_ORDERS_7D && !issuedThisWeek) {
                Member member = payers.get(paid.getKey());
                lastActiveCoupon.put(member.id(), now);
                issued.add(issue(member.id(), member.leaderId(), cityOfLeader.apply(member.leaderId()), CouponReason.ACTIVE_USER,
                        "active-user", ACTIVE_USER_COUPON_CENTS, ACTIVE_USER_COUPON_FROM_CENTS, ACTIVE_USER_COUPON_DAYS, null, now));
            }
        }
        return issued;
    }

    /** The coupon's EXPIRED event if it is still held at its expiry, else null (it was redeemed). */
    CouponEvent expire(CouponEvent issued, long time) {
        String holder = holderOf.remove(issued.getCouponId());
        if (holder == null) {
            return null;
        }
        List<Held> stillHeld = held.get(holder);
        stillHeld.removeIf(h -> h.issued().getCouponId().equals(issued.getCouponId()));
        if (stillHeld.isEmpty()) {
            held.remove(holder);
        }
        return lifecycle(issued, CouponEventType.EXPIRED, null, time);
    }

    private CouponEvent issue(String userId, String leaderId, String city, CouponReason reason, String campaign, long cents,
                              long minSpend, int days, String refereeId, long time) {
        CouponEvent issued = CouponEvent.newBuilder().setEventId("ce" + idSuffix + (++couponEvents)).setType(CouponEventType.ISSUED)
                .setCouponId("cp" + idSuffix + (++coupons)).setLeaderId(leaderId).setCity(city).setUserId(userId).setReason(reason)
                .setCampaignId(campaign).setValueCents(cents).setMinSpendCents(minSpend).setExpiresAt(time + days * DAY)
                .setRefereeId(refereeId).setEventTime(time).build();
        held.computeIfAbsent(userId, k -> new ArrayList<>()).add(new Held(issued));
        holderOf.put(issued.getCouponId(), userId);
        return issued;
    }

    private CouponEvent lifecycle(CouponEvent issued, CouponEventType type, String orderId, long time) {
        return CouponEvent.newBuilder(issued).setEventId("ce" + idSuffix + (++couponEvents)).setType(type).setOrderId(orderId)
                .setRefereeId(null).setEventTime(time).build();
    }

    /** The breakdown of a line the member orders now (each order is priced once; its later steps repeat it). */
    PriceBreakdown price(Member member, String orderId, String leaderId, String city, Category category, int quantity, long listCents,
                         boolean inGroup, long now) {
        List<Discount> discounts = new ArrayList<>();
        long remaining = listCents;
        if (inGroup) {
            remaining -= add(discounts, DiscountKind.GROUP_PRICE, listCents * GROUP_PRICE_PERCENT / 100, "group-price", null, remaining);
        }
        FlashSale sale = flashSaleOn(category, now);
        CampaignEvent soldOut = null;
        if (sale != null && sale.left() >= quantity) {
            long off = add(discounts, DiscountKind.FLASH_SALE, listCents * FLASH_PERCENT / 100, sale.started.getCampaignId(), null, remaining);
            remaining -= off;
            if (off > 0) {
                sale.claimed += quantity;
                if (sale.left() == 0) {
                    soldOut = campaignEvent(sale.started, CampaignEventType.SOLD_OUT, now);
                }
            }
        }
        if (remaining >= SPEND_AND_SAVE_FROM_CENTS) {
            remaining -= add(discounts, DiscountKind.SPEND_AND_SAVE, SPEND_AND_SAVE_OFF_CENTS, "spend-49-save-5", null, remaining);
        }
        boolean firstOrder = ordered.add(member.id());
        CouponEvent redemption = null;
        Held coupon = couponFor(member.id(), firstOrder, remaining, now);
        if (coupon != null) {
            CouponEvent issued = coupon.issued();
            DiscountKind kind = switch (issued.getReason()) {
                case NEW_USER -> DiscountKind.NEW_USER_FIRST_ORDER;
                case ACTIVE_USER -> DiscountKind.ACTIVE_USER;
                case REFERRAL_REWARD -> DiscountKind.REFERRAL_REWARD;
                case OTHER -> DiscountKind.OTHER; // never issued here
            };
            long off = add(discounts, kind, issued.getValueCents(), issued.getCampaignId(), issued.getCouponId(), remaining);
            if (off > 0) {
                remaining -= off;
                held.get(member.id()).remove(coupon);
                if (held.get(member.id()).isEmpty()) {
                    held.remove(member.id());
                }
                holderOf.remove(issued.getCouponId());
                // the order's leader and city: the holder may have moved to another leader since the coupon was issued
                redemption = CouponEvent.newBuilder(lifecycle(issued, CouponEventType.REDEEMED, orderId, now)).setLeaderId(leaderId).setCity(city).build();
            }
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
        return new PriceBreakdown(listCents, List.copyOf(discounts), redeemed, earned, remaining, redemption, soldOut);
    }

    /** The coupon the order redeems: the new-user coupon on a first order, else the oldest usable referral reward or active-member coupon. */
    private Held couponFor(String memberId, boolean firstOrder, long remainingCents, long now) {
        List<Held> coupons = held.get(memberId);
        if (coupons == null) {
            return null;
        }
        for (Held h : coupons) {
            boolean newUser = h.issued().getReason() == CouponReason.NEW_USER;
            if (newUser == firstOrder && h.usableOn(remainingCents, now)) {
                return h;
            }
        }
        return null;
    }

    /**
     * The take-up of flash sales: during one, while its stock lasts, a quarter of the shoppers buy a product of the
     * category on sale instead of {@code wanted}; otherwise (and outside the sales) the product they wanted.
     */
    World.Product choose(World.Product wanted, List<World.Product> products, long now) {
        Category onSale = categoryOnSale(now);
        FlashSale sale = onSale == null ? null : flashSaleOn(onSale, now);
        if (sale == null || sale.left() <= 0 || onSale == wanted.category() || random.nextDouble() >= FLASH_TAKE_UP) {
            return wanted;
        }
        List<World.Product> onOffer = products.stream().filter(p -> p.category() == onSale).toList();
        return onOffer.isEmpty() ? wanted : onOffer.get(random.nextInt(onOffer.size()));
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

    /** The flash sale running on the category at that time, or null. */
    private FlashSale flashSaleOn(Category category, long time) {
        return categoryOnSale(time) == category ? flashSales.get(flashSaleId(time)) : null;
    }

    private String flashSaleId(long time) {
        ZonedDateTime local = Instant.ofEpochMilli(time).atZone(zone);
        return "flash-" + local.toLocalDate() + "-" + local.getHour();
    }

    /** The local start times of the flash sales in [start, end). */
    List<Long> flashSaleStarts(long start, long end) {
        return dailyAt(start, end, FLASH_HOURS);
    }

    /** The local times {@code hours}:00 of every day, in order, that fall in [start, end). */
    private List<Long> dailyAt(long start, long end, int... hours) {
        List<Long> times = new ArrayList<>();
        for (var day = Instant.ofEpochMilli(start).atZone(zone).toLocalDate(); day.atStartOfDay(zone).toInstant().toEpochMilli() < end;
             day = day.plusDays(1)) {
            for (int hour : hours) {
                long at = day.atTime(hour, 0).atZone(zone).toInstant().toEpochMilli();
                if (at >= start && at < end) {
                    times.add(at);
                }
            }
        }
        return times;
    }

    /**
     * A flash sale starts for the hour: its STARTED event, with a stock sized on the last sale's (what it claimed,
     * a third to half more when it sold out, up to a fifth more or a third less when it did not).
     */
    CampaignEvent startFlashSale(long start) {
        long stock = lastSaleClaimed < 0 ? FIRST_FLASH_STOCK_UNITS
                : Math.max(MIN_FLASH_STOCK_UNITS, Math.round(lastSaleClaimed * (lastSaleSoldOut
                        ? 1.3 + 0.2 * merchandiser.nextDouble() : 0.67 + 0.53 * merchandiser.nextDouble())));
        CampaignEvent started = CampaignEvent.newBuilder().setEventId("ca" + idSuffix + (++campaignEvents)).setType(CampaignEventType.STARTED)
                .setCampaignId(flashSaleId(start)).setKind(CampaignKind.FLASH_SALE).setCategory(categoryOnSale(start).code())
                .setDiscountPercent(FLASH_PERCENT).setStockUnits(stock).setStartsAt(start).setEndsAt(start + HOUR).setEventTime(start).build();
        flashSales.put(started.getCampaignId(), new FlashSale(started));
        return started;
    }

    /** The flash sale that started at {@code start} ends: its ENDED event. */
    CampaignEvent endFlashSale(long start, long end) {
        FlashSale sale = flashSales.remove(flashSaleId(start));
        lastSaleClaimed = sale.claimed;
        lastSaleSoldOut = sale.left() == 0;
        return campaignEvent(sale.started, CampaignEventType.ENDED, end);
    }

    private CampaignEvent campaignEvent(CampaignEvent started, CampaignEventType type, long time) {
        return CampaignEvent.newBuilder(started).setEventId("ca" + idSuffix + (++campaignEvents)).setType(type).setEventTime(time).build();
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
