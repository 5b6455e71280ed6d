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
 * </ul>
 */
final class FraudScenarios {
    static final String FAKE_MEMBER_FARM = "fake_member_farm";
    static final String SELF_PURCHASE = "leader_self_purchase";
    static final String REFUND_ABUSE = "refund_abuse";
    static final String REFERRAL_RING = "referral_ring";
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private final Simulator sim;

    FraudScenarios(Simulator sim) {
        this.sim = sim;
    }

    void plan(long start, long end) {
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

    private List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(sim.id(prefix));
        }
        return ids;
    }
}
