package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.ReferralChannel;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.simulator.World.Leader;
import io.leaderlens.simulator.World.Member;
import io.leaderlens.simulator.World.Product;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded, deterministic group-buying world. Activities (a member's order, a leader sharing a poster, a
 * direct signup, a member applying to lead, a leader opening a group) arrive on a day/night curve; each
 * schedules its follow-up events (payment, pickup, refunds, groups forming or failing). Fraud scenarios
 * are injected at seeded times and labelled separately.
 */
public final class Simulator {
    /** Relative activity by local hour: quiet at night, peaks late morning and evening. */
    private static final double[] HOURLY_WEIGHT = {
        0.3, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.8, 1.1, 1.3, 1.5, 1.6,
        1.4, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6, 1.9, 2.0, 1.8, 1.2, 0.6};
    /**
     * Sizes the arrival rate so that the event budget lasts the period: 4.2 before the goods-arrived event of schema
     * v2, 5.2 with it, 6.0 with the coupon events (measured: a separable world of 6 days and 150,000 events asked ends
     * with its period at 146,643). Too low a figure spends the budget early and cuts off the last day, where the
     * fraud scenarios of the day before play out (pickups, refund claims) and are judged.
     */
    private static final double MEAN_EVENTS_PER_ACTIVITY = 6.0;
    private static final String[] CITIES = {"hangzhou", "shanghai", "nanjing", "suzhou", "chengdu", "wuhan"};
    private static final int[] GROUP_SIZES = {2, 3, 5, 7};
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final int UNLABELLED_FRAUD_PER_10K = 1_500;
    private static final int FALSE_LABEL_PER_10K = 10;

    private final SimulationOptions options;
    private final Population population;
    private boolean worldBuilt;
    private final Random random;
    /** Draws for the facts of schema v2 (channels, deliveries, pickups), apart from the world's own sequence. */
    private final Random logistics;
    private final Map<String, ReferralChannel> channelByPoster = new HashMap<>();
    /** Discounts and points of schema v3, also from a sequence of their own. */
    private final Promotions promotions;
    private final World world = new World();
    private final PriorityQueue<Scheduled> schedule = new PriorityQueue<>();
    private final PriorityQueue<Scheduled> outbox = new PriorityQueue<>();
    private final Map<String, OpenGroup> openGroupByLeader = new HashMap<>();
    private final Map<String, FraudLabel> labels = new LinkedHashMap<>(); // subject:id -> first label
    private final FraudScenarios fraud;
    private long sequence;
    private long idCounter;
    private long emitted;

    private record Scheduled(long time, long seq, SpecificRecord event, LongConsumer action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    /** A group buy still filling up: the paid orders in it are refunded if it fails. */
    static final class OpenGroup {
        final String id;
        final String leaderId;
        final String productId;
        final int size;
        final long deadline;
        final List<OrderEvent> paidOrders = new ArrayList<>();
        boolean closed;

        OpenGroup(String id, String leaderId, String productId, int size, long deadline) {
            this.id = id;
            this.leaderId = leaderId;
            this.productId = productId;
            this.size = size;
            this.deadline = deadline;
        }
    }

    public Simulator(SimulationOptions options) {
        this(options, Population.GROWING);
    }

    public Simulator(SimulationOptions options, Population population) {
        this.options = requireNonNull(options, "options");
        this.population = requireNonNull(population, "population");
        this.random = new Random(options.seed());
        this.logistics = new Random(options.seed() ^ 0x10_915_71C5L);
        this.promotions = new Promotions(options.seed(), options.zone(), options.startMillis(),
                leaderId -> world.leaderById.get(leaderId).city());
        this.fraud = new FraudScenarios(this);
        buildWorld();
        this.worldBuilt = true;
    }

    /** Emits exactly {@code options.events()} events unless the simulated period runs out first (nothing after it); returns the count. */
    public long run(EventWriter writer, LongConsumer progress) throws IOException {
        long start = options.startMillis();
        long end = options.endMillis();
        double activities = options.events() / MEAN_EVENTS_PER_ACTIVITY;
        double meanWeight = java.util.Arrays.stream(HOURLY_WEIGHT).average().orElseThrow();
        double maxWeight = java.util.Arrays.stream(HOURLY_WEIGHT).max().orElseThrow();
        double peakRatePerMilli = activities / (end - start) * maxWeight / meanWeight;
        if (options.fraud()) {
            fraud.plan(start, end);
        }
        if (options.realistic()) {
            planSignupDrives(start, end);
        }
        for (long morning : promotions.activeMemberMornings(start, end)) {
            at(morning, t -> promotions.rewardActiveMembers(t).forEach(this::issued));
        }
        for (long saleStart : promotions.flashSaleStarts(start, end)) {
            at(saleStart, t -> emit(t, promotions.startFlashSale(t)));
            at(saleStart + HOUR, t -> emit(t, promotions.endFlashSale(saleStart, t)));
        }
        long nextArrival = start + exponential(peakRatePerMilli);
        while (emitted < options.events()) {
            Scheduled due = schedule.peek();
            // the period's end ends the world: what is still scheduled after it (tomorrow's deliveries and pickups,
            // refunds days later) would run on in the order topic alone, far ahead in event time of the others
            if (nextArrival >= end && (due == null || due.time() >= end)) {
                break;
            }
            if (due == null || nextArrival < due.time()) {
                if (random.nextDouble() < HOURLY_WEIGHT[localHour(nextArrival)] / maxWeight) {
                    activity(nextArrival);
                }
                nextArrival += exponential(peakRatePerMilli);
                if (nextArrival >= end) {
                    nextArrival = Long.MAX_VALUE;
                }
                continue;
            }
            schedule.poll();
            if (due.action() != null) {
                due.action().accept(due.time());
            } else {
                send(writer, due.event(), due.time(), progress);
            }
        }
        while (!outbox.isEmpty() && emitted < options.events()) {
            write(writer, outbox.poll().event(), progress);
        }
        for (FraudLabel label : labels.values()) {
            writer.writeLabel(label);
        }
        return emitted;
    }

    // ---- event output: a small reorder buffer makes the stream slightly out of event-time order ----

    private void send(EventWriter writer, SpecificRecord event, long time, LongConsumer progress) throws IOException {
        long jitter = options.maxJitterMillis() == 0 ? 0 : (long) (random.nextDouble() * options.maxJitterMillis());
        outbox.add(new Scheduled(time + jitter, sequence++, event, null));
        if (random.nextDouble() < options.duplicateRate()) {
            long retry = Math.min(options.maxJitterMillis(), jitter + 2 * SECOND);
            outbox.add(new Scheduled(time + retry, sequence++, event, null));
        }
        // anything sent later has event time >= time, so what is due by then can leave now
        while (!outbox.isEmpty() && outbox.peek().time() <= time && emitted < options.events()) {
            write(writer, outbox.poll().event(), progress);
        }
    }

    private void write(EventWriter writer, SpecificRecord event, LongConsumer progress) throws IOException {
        writer.write(event);
        emitted++;
        progress.accept(1);
    }

    void emit(long time, SpecificRecord event) {
        if (event instanceof ReferralEvent r && r.getType() == ReferralEventType.SIGNED_UP && r.getUserId() != null) {
            Promotions.Signup signup = promotions.signedUp(r.getUserId(), r.getLeaderId(), r.getCity(), r.getPosterId(), time,
                    world.membersByLeader.getOrDefault(r.getLeaderId(), List.of()));
            String referrer = signup.referrer() == null ? null : signup.referrer().id();
            schedule.add(new Scheduled(time, sequence++, ReferralEvent.newBuilder(r).setReferredByUserId(referrer).build(), null));
            issued(signup.coupon());
            return;
        }
        schedule.add(new Scheduled(time, sequence++, event, null));
    }

    /** Emits a coupon's ISSUED event and, unless it is redeemed first, its EXPIRED event at its expiry. */
    private void issued(CouponEvent coupon) {
        if (coupon == null) {
            return;
        }
        emit(coupon.getEventTime(), coupon);
        at(coupon.getExpiresAt(), t -> {
            CouponEvent expired = promotions.expire(coupon, t);
            if (expired != null) {
                emit(t, expired);
            }
        });
    }

    void at(long time, LongConsumer action) {
        schedule.add(new Scheduled(time, sequence++, null, action));
    }

    /**
     * Labels a subject once, at the moment its cheating begins. In a realistic world a share of fraud is never
     * labelled (nobody reported it): which subjects is fixed by their id, so every call for one agrees.
     */
    void label(String subject, String id, String scenario, long time) {
        if (options.realistic() && chance(subject + ":" + id, UNLABELLED_FRAUD_PER_10K)) {
            return;
        }
        labels.putIfAbsent(subject + ":" + id, new FraudLabel(subject, id, scenario, time));
    }

    /** A realistic world's false label: a few honest subjects are reported as fraud. */
    private void falseLabel(String subject, String id, String scenario, long time) {
        if (options.realistic() && chance("false:" + subject + ":" + id, FALSE_LABEL_PER_10K)) {
            labels.putIfAbsent(subject + ":" + id, new FraudLabel(subject, id, scenario, time));
        }
    }

    /** A decision fixed by a key and the seed, drawing nothing from the world's random sequence. */
    private boolean chance(String key, int per10k) {
        long h = options.seed() * 0x9E3779B97F4A7C15L + key.hashCode();
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return Math.floorMod(h ^ (h >>> 33), 10_000) < per10k;
    }

    boolean realistic() {
        return options.realistic();
    }

    // ---- the world ----

    private void buildWorld() {
        int cityCount = (int) Math.min(CITIES.length, Math.max(2, options.events() / 40_000 + 2));
        for (int i = 0; i < cityCount; i++) {
            world.cities.add(CITIES[i]);
        }
        for (Category category : Category.values()) {
            for (int i = 0; i < 12; i++) {
                long price = category.minPriceCents()
                        + (long) (Math.pow(random.nextDouble(), 2) * (category.maxPriceCents() - category.minPriceCents()));
                price = price / 10 * 10 - (random.nextBoolean() ? 10 : 0) + 10 - 1; // prices like 12.99
                world.products.add(new Product(id("p"), category, Math.max(99, price)));
            }
        }
        int leaders = (int) Math.max(30, Math.min(3_000, options.events() / 1_500));
        for (int i = 0; i < leaders; i++) {
            String city = world.cities.get(random.nextInt(world.cities.size()));
            addLeader(city, city + "-c" + random.nextInt(Math.max(3, leaders / 8)), 1 + random.nextInt(4));
        }
        long before = options.startMillis();
        for (Leader leader : world.leaders) {
            int members = 10 + random.nextInt(70);
            for (int m = 0; m < members; m++) {
                addMember(leader, before - (long) (random.nextDouble() * 365 * 24 * HOUR));
            }
        }
    }

    Leader addLeader(String city, String community, int level) {
        String id = id("L");
        String deviceId = id("d");
        Leader leader = new Leader(id, id("u"), city, community, "pp-" + id, level, deviceId, communityIp(community),
                id("pa"));
        world.addLeader(leader);
        return leader;
    }

    Member addMember(Leader leader, long signedUpAt) {
        if (options.realistic()) {
            // families share a phone (and their home Wi-Fi); a compound's members often share its Wi-Fi
            List<Member> neighbours = world.membersByLeader.get(leader.id());
            if (!neighbours.isEmpty() && random.nextDouble() < 0.15) {
                Member relative = neighbours.get(random.nextInt(neighbours.size()));
                return addMember(leader, signedUpAt, relative.deviceId(), relative.ip(),
                        random.nextBoolean() ? relative.paymentAccount() : id("pa"));
            }
            return addMember(leader, signedUpAt, id("d"), random.nextDouble() < 0.35 ? communityIp(leader.community()) : randomIp(),
                    id("pa"));
        }
        return addMember(leader, signedUpAt, id("d"), random.nextInt(5) == 0 ? communityIp(leader.community()) : randomIp(),
                id("pa"));
    }

    Member addMember(Leader leader, long signedUpAt, String deviceId, String ip, String paymentAccount) {
        Member member = new Member(id("u"), leader.id(), deviceId, ip, paymentAccount, signedUpAt);
        join(member);
        return member;
    }

    /** A member joins the pool of shoppers; in a steady population one who was there stops shopping. */
    private void join(Member member) {
        if (population == Population.STEADY && worldBuilt) {
            world.retire(random.nextInt(world.members.size()));
        }
        world.addMember(member);
    }

    /**
     * An account that exists only for a fraud scenario: it is not in the pool of ordinary shoppers, so
     * everything it does is the scenario's (and labelled), never unlabelled ordinary activity.
     */
    Member fraudAccount(Leader leader, long signedUpAt, String deviceId, String ip, String paymentAccount) {
        return new Member(id("u"), leader.id(), deviceId, ip, paymentAccount, signedUpAt);
    }

    World world() {
        return world;
    }

    Random random() {
        return random;
    }

    String id(String prefix) {
        return prefix + Long.toString(options.seed(), 36) + "-" + (idCounter++);
    }

    String communityIp(String community) {
        int h = Math.floorMod(community.hashCode(), 250);
        return "100.64." + h + ".1";
    }

    String randomIp() {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private long exponential(double ratePerMilli) {
        return Math.max(1, (long) (-Math.log(1 - random.nextDouble()) / ratePerMilli));
    }

    /** From an honest signup to the first order: within hours, or (in a realistic world, for some) days later. */
    private long firstOrderDelay(long minMillis, long maxMillis) {
        if (options.realistic() && random.nextDouble() < 0.4) {
            return between(maxMillis, 5 * 24 * HOUR);
        }
        return between(minMillis, maxMillis);
    }

    private int localHour(long millis) {
        return Instant.ofEpochMilli(millis).atZone(options.zone()).getHour();
    }

    long between(long minMillis, long maxMillis) {
        return minMillis + (long) (random.nextDouble() * (maxMillis - minMillis));
    }

    // ---- activities ----

    private void activity(long now) {
        double roll = random.nextDouble();
        if (roll < 0.70) {
            List<Member> members = world.members;
            memberOrders(members.get(random.nextInt(members.size())), now, promotions.choose(randomProduct(), world.products, now), false, null);
        } else if (roll < 0.82) {
            posterShared(world.leaders.get(random.nextInt(world.leaders.size())), now);
        } else if (roll < 0.92) {
            Leader leader = world.leaders.get(random.nextInt(world.leaders.size()));
            leaderOpensGroup(leader, now);
        } else if (roll < 0.985) {
            Leader leader = world.leaders.get(random.nextInt(world.leaders.size()));
            Member member = addMember(leader, now);
            emit(now, signup(leader, member, null, now));
            falseLabel("member", member.id(), FraudScenarios.FAKE_MEMBER_FARM, now);
            if (random.nextDouble() < 0.5) {
                at(now + firstOrderDelay(10 * MINUTE, 6 * HOUR), t -> memberOrders(member, t, randomProduct(), false, null));
            }
        } else {
            memberBecomesLeader(world.members.get(random.nextInt(world.members.size())), now);
        }
    }

    Product randomProduct() {
        int total = 0;
        for (Category c : Category.values()) {
            total += c.weight();
        }
        int pick = random.nextInt(total);
        Category chosen = Category.FRESH_PRODUCE;
        for (Category c : Category.values()) {
            pick -= c.weight();
            if (pick < 0) {
                chosen = c;
                break;
            }
        }
        int index = chosen.ordinal() * 12 + random.nextInt(12);
        return world.products.get(index);
    }

    Product cheapestProduct() {
        return world.products.stream().min(java.util.Comparator.comparingLong(Product::priceCents)).orElseThrow();
    }

    /** The cheapest product priced at least {@code minCents} (a coupon's minimum spend), or the dearest if none is. */
    Product cheapestProductFrom(long minCents) {
        return world.products.stream().filter(p -> p.priceCents() >= minCents)
                .min(java.util.Comparator.comparingLong(Product::priceCents))
                .orElseGet(() -> world.products.stream().max(java.util.Comparator.comparingLong(Product::priceCents)).orElseThrow());
    }

    Promotions promotions() {
        return promotions;
    }

    /**
     * A member orders: PLACED, then PAID (or CANCELLED), possibly inside a group buy, then CONFIRMED at
     * pickup, sometimes REFUNDED. {@code refundAbuse} forces the refund-only pattern.
     *
     * @return the order id
     */
    String memberOrders(Member member, long now, Product product, boolean refundAbuse, String scenario) {
        OpenGroup group = scenario == null && random.nextDouble() < 0.35
                ? groupFor(world.leaderById.get(member.leaderId()), member, product, now) : null;
        return placeOrder(member, now, product, group, refundAbuse, scenario);
    }

    String placeOrder(Member member, long now, Product product, OpenGroup group, boolean refundAbuse, String scenario) {
        Leader leader = world.leaderById.get(member.leaderId());
        String orderId = id("o");
        int quantity = product.category() == Category.FRESH_PRODUCE ? 1 + random.nextInt(3) : 1 + (random.nextInt(6) == 0 ? 1 : 0);
        Promotions.PriceBreakdown price = promotions.price(member, orderId, leader.id(), leader.city(), product.category(), quantity,
                product.priceCents() * quantity, group != null, now);
        long amount = price.paidCents();
        OrderEvent.Builder placed = price.applyTo(order(orderId, OrderEventType.PLACED, member, leader, product, quantity, amount, now))
                .setGroupBuyId(group == null ? null : group.id);
        emit(now, placed.build());
        emitPromotionEvents(price, now);
        if (scenario == null && random.nextDouble() < 0.06) {
            long cancelledAt = now + between(MINUTE, 30 * MINUTE);
            emit(cancelledAt, copy(placed, OrderEventType.CANCELLED, cancelledAt).build());
            return orderId;
        }
        long paidAt = now + between(5 * SECOND, 4 * MINUTE);
        OrderEvent paid = copy(placed, OrderEventType.PAID, paidAt).build();
        emit(paidAt, paid);
        issued(promotions.orderPaid(member, paidAt));
        if (group != null) {
            joinGroup(group, member, paid, paidAt);
        }
        long pickupAt = deliverAndPickUp(placed, paidAt);
        double refundChance = refundAbuse ? 0.9 : 0.025;
        if (random.nextDouble() < refundChance) {
            // refund-only claims come soon after pickup ("missing", "spoiled"); ordinary refunds take longer
            // (in a realistic world abusers claim as late as anyone else)
            long refundAt = pickupAt + (refundAbuse && !options.realistic() ? between(10 * MINUTE, 6 * HOUR)
                    : refundAbuse ? between(30 * MINUTE, 2 * 24 * HOUR) : between(HOUR, 3 * 24 * HOUR));
            long refunded = refundAbuse || random.nextBoolean() ? amount : Math.max(1, amount / 2);
            if (refundAbuse && scenario != null) {
                // an abuser is one from the first refund-only claim: a claim the data never reaches is no abuse in it
                at(refundAt, t -> label("member", member.id(), scenario, t));
            }
            emit(refundAt, copy(placed, OrderEventType.REFUNDED, refundAt).setAmountCents(refunded).build());
        }
        if (scenario != null) {
            label("order", orderId, scenario, now);
        } else {
            falseLabel("order", orderId, FraudScenarios.SELF_PURCHASE, now);
        }
        return orderId;
    }

    /** What pricing an order line set off: the coupon it redeemed, the flash sale it sold out. */
    private void emitPromotionEvents(Promotions.PriceBreakdown price, long now) {
        if (price.redeemed() != null) {
            emit(now, price.redeemed());
        }
        if (price.soldOut() != null) {
            emit(now, price.soldOut());
        }
    }

    /** A scalper's order: a crate of the item (to resell), paid and picked up like any other. */
    void bulkOrder(Member member, long now, Product product, int quantity, String scenario) {
        Leader leader = world.leaderById.get(member.leaderId());
        String orderId = id("o");
        Promotions.PriceBreakdown price = promotions.price(member, orderId, leader.id(), leader.city(), product.category(), quantity,
                product.priceCents() * quantity, false, now);
        OrderEvent.Builder placed = price.applyTo(order(orderId, OrderEventType.PLACED, member, leader, product, quantity,
                price.paidCents(), now));
        emit(now, placed.build());
        emitPromotionEvents(price, now);
        long paidAt = now + between(5 * SECOND, 2 * MINUTE);
        emit(paidAt, copy(placed, OrderEventType.PAID, paidAt).build());
        issued(promotions.orderPaid(member, paidAt));
        deliverAndPickUp(placed, paidAt);
        label("order", orderId, scenario, now);
    }

    /**
     * The goods of a paid order reach the pickup point with its delivery the next morning (one van per pickup point
     * and day: between 07:00 and about 09:50, by pickup point), and the member collects them: mostly the same day, some the
     * next, a few only days later. Emits GOODS_ARRIVED and CONFIRMED; returns when the member picked up.
     */
    private long deliverAndPickUp(OrderEvent.Builder placed, long paidAt) {
        java.time.LocalDate nextDay = Instant.ofEpochMilli(paidAt).atZone(options.zone()).toLocalDate().plusDays(1);
        long vanOffset = Math.floorMod(placed.getPickupPointId().hashCode(), 150) * MINUTE;
        long arrivedAt = nextDay.atTime(7, 0).atZone(options.zone()).toInstant().toEpochMilli() + vanOffset
                + (long) (logistics.nextDouble() * 20 * MINUTE);
        emit(arrivedAt, copy(placed, OrderEventType.GOODS_ARRIVED, arrivedAt).build());
        double roll = logistics.nextDouble();
        long waited = roll < 0.65 ? 20 * MINUTE + (long) (logistics.nextDouble() * 8 * HOUR)
                : roll < 0.92 ? 8 * HOUR + (long) (logistics.nextDouble() * 22 * HOUR)
                : 30 * HOUR + (long) (logistics.nextDouble() * 90 * HOUR);
        long pickupAt = arrivedAt + waited;
        emit(pickupAt, copy(placed, OrderEventType.CONFIRMED, pickupAt).build());
        return pickupAt;
    }

    private OrderEvent.Builder order(String orderId, OrderEventType type, Member member, Leader leader, Product product,
                                     int quantity, long amount, long time) {
        return OrderEvent.newBuilder().setEventId(id("e")).setOrderId(orderId).setType(type).setUserId(member.id())
                .setLeaderId(leader.id()).setCity(leader.city()).setProductId(product.id())
                .setCategory(product.category().code()).setQuantity(quantity).setAmountCents(amount).setCurrency("CNY")
                .setPickupPointId(leader.pickupPointId()).setDeviceId(member.deviceId()).setIp(member.ip())
                .setPaymentAccount(member.paymentAccount()).setEventTime(time);
    }

    private OrderEvent.Builder copy(OrderEvent.Builder template, OrderEventType type, long time) {
        return OrderEvent.newBuilder(template).setEventId(id("e")).setType(type).setEventTime(time);
    }

    private OpenGroup groupFor(Leader leader, Member member, Product product, long now) {
        OpenGroup open = openGroupByLeader.get(leader.id());
        if (open != null && !open.closed && open.deadline > now + 5 * MINUTE) {
            return open;
        }
        return openGroup(leader, member.id(), false, product, now);
    }

    OpenGroup openGroup(Leader leader, String openerId, boolean byLeader, Product product, long now) {
        int size = GROUP_SIZES[random.nextInt(GROUP_SIZES.length)];
        long deadline = now + (random.nextBoolean() ? 2 * HOUR : 24 * HOUR);
        OpenGroup group = new OpenGroup(id("g"), leader.id(), product.id(), size, deadline);
        openGroupByLeader.put(leader.id(), group);
        emit(now, groupEvent(group, GroupBuyEventType.OPENED, leader, openerId, byLeader, 0, now));
        at(deadline, t -> expire(group, leader, t));
        return group;
    }

    private void leaderOpensGroup(Leader leader, long now) {
        OpenGroup group = openGroup(leader, leader.userId(), true, randomProduct(), now);
        List<Member> members = world.membersByLeader.get(leader.id());
        int joiners = random.nextInt(group.size + 2); // sometimes not enough people come
        for (int i = 0; i < joiners && !members.isEmpty(); i++) {
            Member m = members.get(random.nextInt(members.size()));
            Product product = world.products.stream().filter(p -> p.id().equals(group.productId)).findFirst().orElseThrow();
            at(now + between(MINUTE, Math.max(2 * MINUTE, group.deadline - now - 10 * MINUTE)),
                    t -> { if (!group.closed) { memberOrdersInto(group, m, product, t); } });
        }
    }

    private void memberOrdersInto(OpenGroup group, Member member, Product product, long now) {
        placeOrder(member, now, product, group, false, null);
    }

    private void joinGroup(OpenGroup group, Member member, OrderEvent paid, long now) {
        if (group.closed) {
            return;
        }
        Leader leader = world.leaderById.get(group.leaderId);
        group.paidOrders.add(paid);
        emit(now, groupEvent(group, GroupBuyEventType.JOINED, leader, member.id(), false, group.paidOrders.size(), now));
        if (group.paidOrders.size() >= group.size) {
            group.closed = true;
            emit(now + SECOND, groupEvent(group, GroupBuyEventType.FORMED, leader, null, false, group.paidOrders.size(), now + SECOND));
        }
    }

    private void expire(OpenGroup group, Leader leader, long now) {
        if (group.closed) {
            return;
        }
        group.closed = true;
        emit(now, groupEvent(group, GroupBuyEventType.FAILED, leader, null, false, group.paidOrders.size(), now));
        for (OrderEvent paid : group.paidOrders) {
            long refundAt = now + between(SECOND, 5 * MINUTE);
            emit(refundAt, OrderEvent.newBuilder(paid).setEventId(id("e")).setType(OrderEventType.REFUNDED)
                    .setEventTime(refundAt).build());
        }
    }

    private GroupBuyEvent groupEvent(OpenGroup group, GroupBuyEventType type, Leader leader, String userId,
                                     boolean byLeader, int members, long time) {
        return GroupBuyEvent.newBuilder().setEventId(id("e")).setGroupBuyId(group.id).setType(type)
                .setLeaderId(leader.id()).setCity(leader.city()).setUserId(userId).setOpenedByLeader(byLeader)
                .setProductId(group.productId).setGroupSize(group.size).setMemberCount(members)
                .setDeadline(group.deadline).setEventTime(time).build();
    }

    /** share -> some scans -> some signups -> some first orders. */
    private void posterShared(Leader leader, long now) {
        String poster = id("poster");
        // shared from the leader's own phone: the platform learns the leader's device and IP from it
        emit(now, referral(ReferralEventType.POSTER_SHARED, leader, null, poster, leader.deviceId(), leader.ip(), now).build());
        int scans = random.nextInt(7);
        for (int i = 0; i < scans; i++) {
            long scanAt = now + between(MINUTE, 3 * HOUR);
            at(scanAt, t -> {
                String device = id("d");
                String ip = randomIp();
                String visitor = id("u");
                emit(t, referral(ReferralEventType.SCANNED, leader, visitor, poster, device, ip, t).build());
                if (random.nextDouble() < signupChance(channelByPoster.get(poster))) {
                    long signupAt = t + between(20 * SECOND, 10 * MINUTE);
                    at(signupAt, s -> {
                        Member member = new Member(visitor, leader.id(), device, ip, id("pa"), s);
                        join(member);
                        emit(s, signup(leader, member, poster, s));
                        if (random.nextDouble() < 0.55) {
                            at(s + firstOrderDelay(2 * MINUTE, 8 * HOUR), o -> memberOrders(member, o, randomProduct(), false, null));
                        }
                    });
                }
            });
        }
    }

    /**
     * A realistic world's honest bursts: twice a day a leader runs a signup drive in the compound (a poster in the
     * group chat, a table at the gate): a dozen or more neighbours scan and sign up within the hour, many buy the
     * cheap item on offer soon after, together in a group buy — what a fake-member farm looks like from afar.
     */
    private void planSignupDrives(long start, long end) {
        for (long dayStart = start; dayStart < end; dayStart += 24 * HOUR) {
            for (int d = 0; d < 2; d++) {
                at(dayStart + 9 * HOUR + (long) (random.nextDouble() * 10 * HOUR), this::signupDrive);
            }
        }
    }

    private void signupDrive(long now) {
        Leader leader = world.leaders.get(random.nextInt(world.leaders.size()));
        String poster = id("poster");
        channelByPoster.put(poster, ReferralChannel.POSTER_QR); // a printed code on the table at the gate
        emit(now, referral(ReferralEventType.POSTER_SHARED, leader, null, poster, leader.deviceId(), leader.ip(), now).build());
        Product offer = cheapestProduct();
        OpenGroup group = openGroup(leader, leader.userId(), true, offer, now + 5 * MINUTE);
        int people = 10 + random.nextInt(16);
        for (int i = 0; i < people; i++) {
            long scanAt = now + between(MINUTE, 50 * MINUTE);
            at(scanAt, t -> {
                Member member = addMember(leader, t + between(20 * SECOND, 5 * MINUTE));
                emit(t, referral(ReferralEventType.SCANNED, leader, member.id(), poster, member.deviceId(), member.ip(), t).build());
                emit(member.signedUpAt(), signup(leader, member, poster, member.signedUpAt()));
                if (random.nextDouble() < 0.6) {
                    at(member.signedUpAt() + between(2 * MINUTE, 3 * HOUR),
                            o -> placeOrder(member, o, offer, group.closed ? null : group, false, null));
                }
            });
        }
    }

    ReferralEvent signup(Leader leader, Member member, String poster, long time) {
        return referral(ReferralEventType.SIGNED_UP, leader, member.id(), poster, member.deviceId(), member.ip(), time).build();
    }

    ReferralEvent.Builder referral(ReferralEventType type, Leader leader, String userId, String poster, String device,
                                   String ip, long time) {
        boolean funnel = type == ReferralEventType.POSTER_SHARED || type == ReferralEventType.SCANNED || type == ReferralEventType.SIGNED_UP;
        return ReferralEvent.newBuilder().setEventId(id("e")).setType(type).setLeaderId(leader.id())
                .setCity(leader.city()).setUserId(userId).setPosterId(poster).setDeviceId(device).setIp(ip)
                .setEventTime(time).setChannel(funnel && poster != null ? channelOf(poster) : null);
    }

    /** Where a poster was shared, drawn once per poster: WeChat groups carry most of it, Douyin brings strangers. */
    ReferralChannel channelOf(String poster) {
        return channelByPoster.computeIfAbsent(poster, p -> {
            double roll = logistics.nextDouble();
            return roll < 0.40 ? ReferralChannel.WECHAT_GROUP : roll < 0.60 ? ReferralChannel.WECHAT_MOMENTS
                    : roll < 0.80 ? ReferralChannel.MINI_PROGRAM : roll < 0.90 ? ReferralChannel.DOUYIN : ReferralChannel.POSTER_QR;
        });
    }

    /** Of those who scan, who signs up: neighbours in the group chat more often than Douyin viewers. */
    private static double signupChance(ReferralChannel channel) {
        return switch (channel == null ? ReferralChannel.OTHER : channel) {
            case WECHAT_GROUP -> 0.55;
            case WECHAT_MOMENTS -> 0.40;
            case MINI_PROGRAM -> 0.45;
            case DOUYIN -> 0.20;
            case POSTER_QR -> 0.60;
            case OTHER -> 0.45;
        };
    }

    /** A member applies, is approved hours later and is bound under their own leader as upline. */
    private void memberBecomesLeader(Member member, long now) {
        if (population == Population.STEADY) {
            return; // the number of leaders stays level
        }
        Leader upline = world.leaderById.get(member.leaderId());
        long approvedAt = now + between(HOUR, 20 * HOUR);
        Leader applicantAsLeader = addLeader(upline.city(), upline.community(), 1);
        emit(now, referral(ReferralEventType.LEADER_APPLIED, applicantAsLeader, member.id(), null, member.deviceId(),
                member.ip(), now).build());
        emit(approvedAt, referral(ReferralEventType.LEADER_APPROVED, applicantAsLeader, member.id(), null, null, null,
                approvedAt).build());
        emit(approvedAt + SECOND, recruited(applicantAsLeader, upline, approvedAt + SECOND));
    }

    ReferralEvent recruited(Leader recruit, Leader upline, long time) {
        return referral(ReferralEventType.RECRUITED, recruit, recruit.userId(), null, null, null, time)
                .setUplineLeaderId(upline.id()).build();
    }
}
