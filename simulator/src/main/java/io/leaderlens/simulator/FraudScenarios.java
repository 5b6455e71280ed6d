package io.leaderlens.simulator;

import io.leaderlens.events.ReferralEventType;
import io.leaderlens.simulator.World.Leader;
import io.leaderlens.simulator.World.Member;
import io.leaderlens.simulator.World.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The cheating the platform must catch, injected at seeded daytime moments and labelled:
 * <ul>
 *   <li>{@code fake_member_farm}: a burst of signups under one leader from few devices, IPs and payment
 *       accounts, each account buying the cheapest item once (to farm new-member bonuses);</li>
 *   <li>{@code leader_self_purchase}: accounts on the leader's own device, IP and payment account placing
 *       many orders (brushing GMV);</li>
 *   <li>{@code refund_abuse}: members at one pickup point who pick up and then claim refund-only;</li>
 *   <li>{@code referral_ring}: leaders recruiting each other in a cycle, with members signed up across it.</li>
 *   <li>{@code coupon_farming} (薅羊毛): a burst of fresh accounts on few devices, IPs and payment accounts signing up
 *       through a leader's poster, each redeeming its new-user coupon once on the cheapest item the coupon applies to;
 *       a third were "brought" by an earlier account of the farm, which collects the referral reward and spends it on
 *       one more order. The leader is the farm's channel, not its accomplice: only accounts and orders are labelled.
 *       In a realistic world the farm spreads its signups over a day at a human pace, on more phones and the
 *       compound's Wi-Fi, and buys some cheap item rather than the cheapest.</li>
 * </ul>
 * In a {@link Difficulty#REALISTIC} world the same scenarios hide as real ones do (see there), their number per day
 * rises over the run, and {@code bulk_scalping} joins in the last quarter: a scalper's few old accounts, behind one shop
 * IP, buy the leader's offers by the crate (15–40 at a time, several orders each) within an hour and a half, to resell them.
 */
final class FraudScenarios {
    static final String FAKE_MEMBER_FARM = "fake_member_farm";
    static final String SELF_PURCHASE = "leader_self_purchase";
    static final String REFUND_ABUSE = "refund_abuse";
    static final String REFERRAL_RING = "referral_ring";
    static final String COUPON_FARMING = "coupon_farming";
    /** Realistic worlds only, and only in their last quarter: no model trained before it has seen one. */
    static final String BULK_SCALPING = "bulk_scalping";
    private static final long DAY = 24 * 60 * 60_000L;
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private final Simulator sim;

    FraudScenarios(Simulator sim) {
        this.sim = sim;
    }

    void plan(long start, long end) {
        if (sim.realistic()) {
            planRealistic(start, end);
            return;
        }
        Random random = sim.random();
        long days = Math.max(1, (end - start) / (24 * HOUR));
        // one of each scenario per day, except on the last day of a longer run: a scenario needs a day or
        // more to play out (pickups, refund claims), and one cut off by the end of the data cannot be judged
        long scenarioDays = days == 1 ? 1 : days - 1;
        for (int i = 0; i < scenarioDays; i++) {
            long dayStart = start + i * 24 * HOUR;
            sim.at(daytime(dayStart, random), this::fakeMemberFarm);
            sim.at(daytime(dayStart, random), this::selfPurchase);
            sim.at(daytime(dayStart, random), this::refundAbuse);
            sim.at(daytime(dayStart, random), this::referralRing);
            sim.at(daytime(dayStart, random), this::couponFarming);
        }
    }

    private static long daytime(long dayStart, Random random) {
        return dayStart + 9 * HOUR + (long) (random.nextDouble() * 8 * HOUR);
    }

    private Leader anyLeader() {
        List<Leader> leaders = sim.world().leaders;
        return leaders.get(sim.random().nextInt(leaders.size()));
    }

    private void fakeMemberFarm(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        sim.label("leader", leader.id(), FAKE_MEMBER_FARM, now);
        List<String> devices = ids("d", 2 + random.nextInt(2));
        List<String> ips = List.of(sim.randomIp(), sim.randomIp());
        List<String> accounts = ids("pa", 1 + random.nextInt(2));
        Product cheap = sim.cheapestProduct();
        int accountsToMake = 20 + random.nextInt(21);
        List<Member> farmed = new ArrayList<>();
        for (int i = 0; i < accountsToMake; i++) {
            long signupAt = now + sim.between(0, 10 * MINUTE);
            Member member = sim.fraudAccount(leader, signupAt, devices.get(i % devices.size()), ips.get(i % ips.size()),
                    accounts.get(i % accounts.size()));
            sim.label("member", member.id(), FAKE_MEMBER_FARM, signupAt);
            sim.emit(signupAt, sim.signup(leader, member, null, signupAt));
            farmed.add(member);
        }
        // some accounts buy alone; the rest complete group buys the leader opens, within seconds of each other
        int alone = farmed.size() / 2;
        for (Member member : farmed.subList(0, alone)) {
            sim.at(member.signedUpAt() + sim.between(MINUTE, 30 * MINUTE),
                    t -> sim.memberOrders(member, t, cheap, false, FAKE_MEMBER_FARM));
        }
        long groupAt = now + 15 * MINUTE;
        List<Member> fillers = farmed.subList(alone, farmed.size());
        sim.at(groupAt, g -> {
            for (int from = 0; from < fillers.size(); from += 5) {
                Simulator.OpenGroup group = sim.openGroup(leader, leader.userId(), true, cheap, g);
                for (Member member : fillers.subList(from, Math.min(fillers.size(), from + 5))) {
                    sim.at(g + sim.between(SECOND, 40 * SECOND),
                            t -> sim.placeOrder(member, t, cheap, group, false, FAKE_MEMBER_FARM));
                }
            }
        });
    }

    private void couponFarming(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        List<String> devices = ids("d", 2 + random.nextInt(2));
        List<String> ips = new ArrayList<>();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            ips.add(sim.randomIp());
        }
        List<String> accounts = ids("pa", 1 + random.nextInt(2));
        Product couponItem = sim.cheapestProductFrom(Promotions.NEW_USER_COUPON_FROM_CENTS);
        Product rewardItem = sim.cheapestProductFrom(Promotions.REFERRAL_REWARD_FROM_CENTS);
        String poster = sim.id("poster");
        sim.emit(now, sim.referral(ReferralEventType.POSTER_SHARED, leader, null, poster, leader.deviceId(), leader.ip(), now).build());
        int accountsToMake = 8 + random.nextInt(9);
        long[] signups = new long[accountsToMake];
        for (int i = 0; i < accountsToMake; i++) {
            signups[i] = now + sim.between(MINUTE, 20 * MINUTE);
        }
        java.util.Arrays.sort(signups); // a referrer signed up before the account it brought
        List<Member> farmed = new ArrayList<>();
        for (int i = 0; i < accountsToMake; i++) {
            long signupAt = signups[i];
            Member member = sim.fraudAccount(leader, signupAt, devices.get(i % devices.size()), ips.get(i % ips.size()),
                    accounts.get(i % accounts.size()));
            Member referrer = !farmed.isEmpty() && random.nextInt(3) == 0 ? farmed.get(random.nextInt(farmed.size())) : null;
            sim.label("member", member.id(), COUPON_FARMING, signupAt);
            // scanned from the poster a few seconds before: the farm's script, not a person reading it
            sim.emit(signupAt - 5 * SECOND, sim.referral(ReferralEventType.SCANNED, leader, member.id(), poster, member.deviceId(),
                    member.ip(), signupAt - 5 * SECOND).build());
            sim.promotions().broughtBy(member.id(), referrer);
            sim.emit(signupAt, sim.signup(leader, member, poster, signupAt));
            farmed.add(member);
            sim.at(signupAt + sim.between(MINUTE, 15 * MINUTE), t -> sim.placeOrder(member, t, couponItem, null, false, COUPON_FARMING));
            if (referrer != null) {
                // the reward is issued when this account's first order is paid, within the quarter hour; spent an hour or two later
                sim.at(signupAt + sim.between(HOUR, 2 * HOUR), t -> sim.placeOrder(referrer, t, rewardItem, null, false, COUPON_FARMING));
            }
        }
    }

    private void selfPurchase(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        sim.label("leader", leader.id(), SELF_PURCHASE, now);
        int accounts = 3 + random.nextInt(3);
        for (int a = 0; a < accounts; a++) {
            Member puppet = sim.fraudAccount(leader, now - sim.between(HOUR, 48 * HOUR), leader.deviceId(), leader.ip(),
                    leader.paymentAccount());
            sim.label("member", puppet.id(), SELF_PURCHASE, now);
            int orders = 4 + random.nextInt(6);
            for (int o = 0; o < orders; o++) {
                sim.at(now + sim.between(0, 8 * HOUR), t -> sim.memberOrders(puppet, t, sim.randomProduct(), false, SELF_PURCHASE));
            }
        }
    }

    private void refundAbuse(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        int abusers = 5 + random.nextInt(4);
        String sharedDevice = sim.id("d");
        for (int a = 0; a < abusers; a++) {
            Member abuser = sim.fraudAccount(leader, now - sim.between(24 * HOUR, 60 * 24 * HOUR),
                    random.nextBoolean() ? sharedDevice : sim.id("d"), sim.randomIp(), sim.id("pa"));
            int orders = 2 + random.nextInt(3);
            for (int o = 0; o < orders; o++) {
                sim.at(now + sim.between(0, 6 * HOUR), t -> sim.memberOrders(abuser, t, sim.randomProduct(), true, REFUND_ABUSE));
            }
        }
    }

    private void referralRing(long now) {
        Random random = sim.random();
        Leader seed = anyLeader();
        int size = 3 + random.nextInt(2);
        List<Leader> ring = new ArrayList<>();
        String sharedDevice = sim.id("d");
        for (int i = 0; i < size; i++) {
            Leader leader = sim.addLeader(seed.city(), seed.community(), 1);
            ring.add(leader);
            sim.label("leader", leader.id(), REFERRAL_RING, now);
            sim.emit(now + i * MINUTE, sim.referral(ReferralEventType.LEADER_APPROVED, leader, leader.userId(), null,
                    sharedDevice, null, now + i * MINUTE).build());
        }
        for (int i = 0; i < size; i++) {
            Leader recruit = ring.get(i);
            Leader upline = ring.get((i + size - 1) % size); // closes the cycle
            long t = now + (size + i) * MINUTE;
            sim.emit(t, sim.recruited(recruit, upline, t));
        }
        for (int i = 0; i < size * 3; i++) {
            Leader leader = ring.get(i % size);
            long t = now + sim.between(10 * MINUTE, 2 * HOUR);
            Member member = sim.fraudAccount(leader, t, sharedDevice, sim.randomIp(), sim.id("pa"));
            sim.label("member", member.id(), REFERRAL_RING, t);
            sim.emit(t, sim.signup(leader, member, null, t));
            sim.at(t + sim.between(MINUTE, HOUR), o -> sim.memberOrders(member, o, sim.cheapestProduct(), false, REFERRAL_RING));
        }
    }

    // ---- realistic: the same cheating, hidden the way real cheating hides ----

    private void planRealistic(long start, long end) {
        Random random = sim.random();
        long days = Math.max(1, (end - start) / DAY);
        long scenarioDays = days == 1 ? 1 : days - 1;
        long unseenFrom = (long) Math.ceil(scenarioDays * 0.75);
        for (int i = 0; i < scenarioDays; i++) {
            long dayStart = start + i * DAY;
            // the fraud rate drifts up over the run: from one of each scenario every other day or so to two or three a day
            double perDay = 0.6 + 1.8 * i / Math.max(1.0, scenarioDays - 1);
            for (java.util.function.LongConsumer scenario : List.<java.util.function.LongConsumer>of(
                    this::agedFarm, this::relativesSelfPurchase, this::quietRefundAbuse, this::mixedReferralRing,
                    this::spreadCouponFarming)) {
                int times = (int) Math.floor(perDay + random.nextDouble());
                for (int k = 0; k < times; k++) {
                    sim.at(daytime(dayStart, random), scenario);
                }
            }
            if (i >= unseenFrom) {
                for (int k = 0; k < 1 + random.nextInt(2); k++) {
                    sim.at(daytime(dayStart, random), this::bulkScalping);
                }
            }
        }
    }

    /**
     * A farm that rotates a dozen phones and residential IPs, signs accounts up over a day or more (some through the
     * leader's poster), lets them age for days, then buys ordinary products, alone and in the leader's group buys.
     */
    private void agedFarm(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        sim.label("leader", leader.id(), FAKE_MEMBER_FARM, now);
        int accountsToMake = 12 + random.nextInt(19);
        List<String> devices = ids("d", Math.max(3, accountsToMake * 2 / 5));
        List<String> accounts = ids("pa", Math.max(3, accountsToMake / 3));
        String poster = sim.id("poster");
        for (int i = 0; i < accountsToMake; i++) {
            long signupAt = now + sim.between(0, 36 * HOUR);
            String device = devices.get(random.nextInt(devices.size()));
            // the farm sits in the compound, or borrows its Wi-Fi, as often as honest neighbours do
            String ip = random.nextDouble() < 0.35 ? sim.communityIp(leader.community()) : sim.randomIp();
            Member member = sim.fraudAccount(leader, signupAt, device, ip, accounts.get(random.nextInt(accounts.size())));
            boolean viaPoster = random.nextBoolean();
            sim.at(signupAt, t -> {
                sim.label("member", member.id(), FAKE_MEMBER_FARM, t);
                if (viaPoster) {
                    long scanAt = t - sim.between(30 * SECOND, 4 * MINUTE);
                    sim.emit(Math.max(scanAt, now), sim.referral(ReferralEventType.SCANNED, leader, member.id(), poster,
                            member.deviceId(), member.ip(), Math.max(scanAt, now)).build());
                }
                sim.emit(t, sim.signup(leader, member, viaPoster ? poster : null, t));
            });
            long agedUntil = signupAt + sim.between(6 * HOUR, 3 * DAY);
            int orders = 1 + random.nextInt(3);
            for (int o = 0; o < orders; o++) {
                sim.at(agedUntil + sim.between(0, DAY), t -> sim.memberOrders(member, t,
                        random.nextInt(3) == 0 ? sim.cheapestProduct() : sim.randomProduct(), false, FAKE_MEMBER_FARM));
            }
        }
    }

    /**
     * Coupon farming as a careful farm does it: accounts signed up over a day through the leader's poster at a human
     * pace, on a rack of phones and the compound's Wi-Fi or mobile data, paying with a handful of accounts, each
     * redeeming the new-user coupon on some cheap item that reaches the minimum (not always the cheapest) within hours;
     * a third brought by an earlier account of the farm, which spends the referral reward days later.
     */
    private void spreadCouponFarming(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        int accountsToMake = 8 + random.nextInt(13);
        List<String> devices = ids("d", Math.max(3, accountsToMake / 3));
        List<String> accounts = ids("pa", Math.max(2, accountsToMake / 4));
        List<Product> couponItems = cheapestThirdFrom(Promotions.NEW_USER_COUPON_FROM_CENTS);
        List<Product> rewardItems = cheapestThirdFrom(Promotions.REFERRAL_REWARD_FROM_CENTS);
        String poster = sim.id("poster");
        sim.emit(now, sim.referral(ReferralEventType.POSTER_SHARED, leader, null, poster, leader.deviceId(), leader.ip(), now).build());
        long[] signups = new long[accountsToMake];
        for (int i = 0; i < accountsToMake; i++) {
            signups[i] = now + sim.between(10 * MINUTE, 24 * HOUR);
        }
        java.util.Arrays.sort(signups);
        List<Member> farmed = new ArrayList<>();
        for (long signupAt : signups) {
            String ip = random.nextDouble() < 0.4 ? sim.communityIp(leader.community()) : sim.randomIp();
            Member member = sim.fraudAccount(leader, signupAt, devices.get(random.nextInt(devices.size())), ip,
                    accounts.get(random.nextInt(accounts.size())));
            Member referrer = !farmed.isEmpty() && random.nextInt(3) == 0 ? farmed.get(random.nextInt(farmed.size())) : null;
            sim.label("member", member.id(), COUPON_FARMING, signupAt);
            long scanAt = signupAt - sim.between(30 * SECOND, 4 * MINUTE);
            sim.emit(scanAt, sim.referral(ReferralEventType.SCANNED, leader, member.id(), poster, member.deviceId(), member.ip(), scanAt).build());
            sim.promotions().broughtBy(member.id(), referrer);
            sim.emit(signupAt, sim.signup(leader, member, poster, signupAt));
            farmed.add(member);
            Product item = couponItems.get(random.nextInt(couponItems.size()));
            sim.at(signupAt + sim.between(10 * MINUTE, 6 * HOUR), t -> sim.placeOrder(member, t, item, null, false, COUPON_FARMING));
            if (referrer != null) {
                Product reward = rewardItems.get(random.nextInt(rewardItems.size()));
                sim.at(signupAt + sim.between(7 * HOUR, 3 * DAY), t -> sim.placeOrder(referrer, t, reward, null, false, COUPON_FARMING));
            }
        }
    }

    /** The cheaper third of the products a coupon with that minimum spend applies to. */
    private List<Product> cheapestThirdFrom(long minCents) {
        List<Product> eligible = sim.world().products.stream().filter(p -> p.priceCents() >= minCents)
                .sorted(java.util.Comparator.comparingLong(Product::priceCents)).toList();
        return eligible.isEmpty() ? List.of(sim.cheapestProductFrom(minCents)) : eligible.subList(0, Math.max(1, eligible.size() / 3));
    }

    /** Puppet accounts on relatives' phones, at home or elsewhere, sometimes paying with the leader's account. */
    private void relativesSelfPurchase(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        sim.label("leader", leader.id(), SELF_PURCHASE, now);
        int puppets = 2 + random.nextInt(4);
        for (int a = 0; a < puppets; a++) {
            String device = random.nextDouble() < 0.3 ? leader.deviceId() : sim.id("d");
            String ip = random.nextBoolean() ? leader.ip() : sim.randomIp();
            String account = random.nextDouble() < 0.3 ? leader.paymentAccount() : sim.id("pa");
            Member puppet = sim.fraudAccount(leader, now - sim.between(DAY, 60 * DAY), device, ip, account);
            sim.label("member", puppet.id(), SELF_PURCHASE, now);
            int orders = 2 + random.nextInt(6);
            for (int o = 0; o < orders; o++) {
                sim.at(now + sim.between(0, 3 * DAY), t -> sim.memberOrders(puppet, t, sim.randomProduct(), false, SELF_PURCHASE));
            }
        }
    }

    /** Long-standing members on their own phones who pick most orders up and claim refund-only on some. */
    private void quietRefundAbuse(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        int abusers = 3 + random.nextInt(5);
        for (int a = 0; a < abusers; a++) {
            Member abuser = sim.fraudAccount(leader, now - sim.between(7 * DAY, 200 * DAY), sim.id("d"),
                    random.nextBoolean() ? sim.randomIp() : leader.ip(), sim.id("pa"));
            int orders = 3 + random.nextInt(4);
            for (int o = 0; o < orders; o++) {
                boolean claims = random.nextDouble() < 0.45;
                sim.at(now + sim.between(0, 3 * DAY), t -> sim.memberOrders(abuser, t, sim.randomProduct(), claims, claims ? REFUND_ABUSE : null));
            }
        }
    }

    /** A ring of leaders on their own phones; some of the members signed up across it are real neighbours. */
    private void mixedReferralRing(long now) {
        Random random = sim.random();
        Leader seed = anyLeader();
        int size = 3 + random.nextInt(2);
        List<Leader> ring = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Leader leader = sim.addLeader(seed.city(), seed.community(), 1);
            ring.add(leader);
            sim.label("leader", leader.id(), REFERRAL_RING, now);
            sim.emit(now + i * MINUTE, sim.referral(ReferralEventType.LEADER_APPROVED, leader, leader.userId(), null,
                    leader.deviceId(), null, now + i * MINUTE).build());
        }
        for (int i = 0; i < size; i++) {
            Leader recruit = ring.get(i);
            Leader upline = ring.get((i + size - 1) % size);
            long t = now + (size + i) * sim.between(MINUTE, 3 * HOUR);
            sim.emit(t, sim.recruited(recruit, upline, t));
        }
        for (int i = 0; i < size * 3; i++) {
            Leader leader = ring.get(i % size);
            long t = now + sim.between(10 * MINUTE, DAY);
            boolean fake = random.nextDouble() < 0.5;
            Member member = fake
                    ? sim.fraudAccount(leader, t, sim.id("d"), sim.randomIp(), sim.id("pa"))
                    : sim.addMember(leader, t);
            if (fake) {
                sim.label("member", member.id(), REFERRAL_RING, t);
            }
            sim.emit(t, sim.signup(leader, member, null, t));
            sim.at(t + sim.between(MINUTE, 2 * DAY), o -> sim.memberOrders(member, o, sim.randomProduct(), false, fake ? REFERRAL_RING : null));
        }
    }

    /** A scalper's few old accounts behind one shop IP buy crates of the leader's offers within an hour and a half. */
    private void bulkScalping(long now) {
        Random random = sim.random();
        Leader leader = anyLeader();
        String shopIp = sim.randomIp();
        int accounts = 2 + random.nextInt(3);
        for (int a = 0; a < accounts; a++) {
            Member scalper = sim.fraudAccount(leader, now - sim.between(30 * DAY, 300 * DAY), sim.id("d"), shopIp, sim.id("pa"));
            sim.label("member", scalper.id(), BULK_SCALPING, now);
            int orders = 4 + random.nextInt(5);
            for (int o = 0; o < orders; o++) {
                Product product = random.nextBoolean() ? sim.cheapestProduct() : sim.randomProduct();
                int quantity = 15 + random.nextInt(26);
                sim.at(now + sim.between(0, 90 * MINUTE), t -> sim.bulkOrder(scalper, t, product, quantity, BULK_SCALPING));
            }
        }
    }

    private List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(sim.id(prefix));
        }
        return ids;
    }
}
