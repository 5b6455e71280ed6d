package io.leaderlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.CampaignEvent;
import io.leaderlens.events.CampaignEventType;
import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.CouponEventType;
import io.leaderlens.events.CouponReason;
import io.leaderlens.events.Discount;
import io.leaderlens.events.DiscountKind;
import io.leaderlens.events.EventValidator;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.events.codec.JsonEventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
    static RecordingWriter simulate(long seed, long events) throws IOException {
        return simulate(seed, events, 2);
    }

    static RecordingWriter simulate(long seed, long events, int days) throws IOException {
        RecordingWriter recording = new RecordingWriter();
        new Simulator(SimulationOptions.defaults(seed, events, days)).run(recording, n -> {});
        return recording;
    }

    @Test
    void sameSeedSameEventsAndDifferentSeedDifferentEvents() throws IOException {
        RecordingWriter a = simulate(7, 20_000, 5);
        RecordingWriter b = simulate(7, 20_000, 5);
        assertThat(a.events()).hasSize(20_000).isEqualTo(b.events());
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(simulate(8, 20_000, 5).events()).isNotEqualTo(a.events());
    }

    @Test
    void version2FactsGoodsArriveBeforePickupAndFunnelEventsCarryTheirPostersChannel() throws IOException {
        SimulationOptions options = SimulationOptions.defaults(11, 30_000, 4);
        RecordingWriter run = new RecordingWriter();
        new Simulator(options).run(run, n -> {});
        java.util.Map<String, Long> arrivedAt = new java.util.HashMap<>();
        java.util.Map<String, Long> paidAt = new java.util.HashMap<>();
        java.util.Map<String, io.leaderlens.events.ReferralChannel> sharedVia = new java.util.HashMap<>();
        int pickups = 0;
        java.util.Set<io.leaderlens.events.ReferralChannel> channels = java.util.EnumSet.noneOf(io.leaderlens.events.ReferralChannel.class);
        for (SpecificRecord record : run.events()) {
            PlatformEvent event = PlatformEvent.of(record);
            if (event.order() != null) {
                var o = event.order();
                switch (o.getType()) {
                    case PAID -> paidAt.put(o.getOrderId(), o.getEventTime());
                    case GOODS_ARRIVED -> {
                        assertThat(paidAt).as("goods of %s arrive after it was paid", o.getOrderId()).containsKey(o.getOrderId());
                        assertThat(o.getEventTime()).isGreaterThan(paidAt.get(o.getOrderId()));
                        int hour = java.time.Instant.ofEpochMilli(o.getEventTime()).atZone(options.zone()).getHour();
                        assertThat(hour).as("the morning delivery").isBetween(7, 9);
                        arrivedAt.put(o.getOrderId(), o.getEventTime());
                    }
                    case CONFIRMED -> {
                        assertThat(arrivedAt).as("%s is picked up after its goods arrived", o.getOrderId()).containsKey(o.getOrderId());
                        assertThat(o.getEventTime()).isGreaterThan(arrivedAt.get(o.getOrderId()));
                        pickups++;
                    }
                    default -> { }
                }
            } else if (event.referral() != null) {
                var r = event.referral();
                switch (r.getType()) {
                    case POSTER_SHARED -> {
                        assertThat(r.getChannel()).isNotNull();
                        sharedVia.put(r.getPosterId(), r.getChannel());
                        channels.add(r.getChannel());
                    }
                    case SCANNED, SIGNED_UP -> {
                        if (r.getPosterId() != null && sharedVia.containsKey(r.getPosterId())) {
                            assertThat(r.getChannel()).isEqualTo(sharedVia.get(r.getPosterId()));
                        }
                    }
                    default -> assertThat(r.getChannel()).as("only the funnel has a channel").isNull();
                }
            }
        }
        assertThat(pickups).isGreaterThan(1_000);
        // the world ends with its period: no delivery or pickup of the last day's orders runs on after it alone
        long last = run.events().stream().mapToLong(e -> PlatformEvent.of(e).eventTime()).max().orElseThrow();
        assertThat(last).isLessThan(options.endMillis() + options.maxJitterMillis());
        assertThat(channels).containsExactlyInAnyOrder(io.leaderlens.events.ReferralChannel.WECHAT_GROUP,
                io.leaderlens.events.ReferralChannel.WECHAT_MOMENTS, io.leaderlens.events.ReferralChannel.MINI_PROGRAM,
                io.leaderlens.events.ReferralChannel.DOUYIN, io.leaderlens.events.ReferralChannel.POSTER_QR);
    }

    @Test
    void version3OrdersCarryTheirSubsidiesWhereTheCampaignsApply() throws IOException {
        SimulationOptions options = SimulationOptions.defaults(11, 30_000, 4);
        RecordingWriter run = new RecordingWriter();
        new Simulator(options).run(run, n -> {});
        java.util.Map<String, OrderEvent> placed = new java.util.HashMap<>();
        java.util.Map<io.leaderlens.events.DiscountKind, Long> subsidy = new java.util.EnumMap<>(DiscountKind.class);
        Set<String> signedUpInTheWorld = new HashSet<>();
        Set<String> couponUsers = new HashSet<>();
        Set<String> counted = new HashSet<>();
        long orders = 0;
        long withPoints = 0;
        for (SpecificRecord record : run.events()) {
            PlatformEvent event = PlatformEvent.of(record);
            if (event.referral() != null && event.referral().getType() == io.leaderlens.events.ReferralEventType.SIGNED_UP) {
                signedUpInTheWorld.add(event.referral().getUserId());
            }
            if (event.order() != null && event.order().getType() == OrderEventType.PLACED) {
                placed.put(event.order().getOrderId(), event.order());
            }
        }
        for (SpecificRecord record : run.events()) {
            var o = PlatformEvent.of(record).order();
            if (o == null) {
                continue;
            }
            assertThat(o.getListAmountCents()).as("every order of this simulator has its breakdown").isNotNull();
            if (o.getType() != OrderEventType.PLACED) {
                var first = placed.get(o.getOrderId());
                assertThat(first).as("%s was placed", o.getOrderId()).isNotNull();
                assertThat(o.getDiscounts()).as("every step of %s repeats its discounts", o.getOrderId()).isEqualTo(first.getDiscounts());
                assertThat(o.getListAmountCents()).isEqualTo(first.getListAmountCents());
                continue;
            }
            if (!counted.add(o.getOrderId())) {
                continue; // a resent PLACED: counted once
            }
            orders++;
            withPoints += o.getPointsRedeemed() > 0 ? 1 : 0;
            assertThat(o.getAmountCents()).isPositive();
            java.time.ZonedDateTime local = java.time.Instant.ofEpochMilli(o.getEventTime()).atZone(options.zone());
            for (var d : o.getDiscounts()) {
                subsidy.merge(d.getKind(), d.getAmountCents(), Long::sum);
                switch (d.getKind()) {
                    case GROUP_PRICE -> assertThat(o.getGroupBuyId()).as("the group price needs a group").isNotNull();
                    case FLASH_SALE -> {
                        assertThat(local.getHour()).as("flash sales run at 10:00 and 20:00").isIn(10, 20);
                        assertThat(d.getCampaignId()).isEqualTo("flash-" + local.toLocalDate() + "-" + local.getHour());
                    }
                    case SPEND_AND_SAVE -> assertThat(d.getAmountCents()).isEqualTo(500);
                    case NEW_USER_FIRST_ORDER -> {
                        assertThat(couponUsers.add(o.getUserId())).as("one new-user coupon per member").isTrue();
                        assertThat(d.getCouponId()).isNotNull();
                        assertThat(o.getListAmountCents()).as("the coupon's minimum spend").isGreaterThanOrEqualTo(1_500);
                    }
                    case REFERRAL_REWARD -> {
                        assertThat(d.getCouponId()).isNotNull();
                        assertThat(o.getListAmountCents()).as("the reward's minimum spend").isGreaterThanOrEqualTo(2_000);
                    }
                    case ACTIVE_USER -> {
                        assertThat(d.getCouponId()).isNotNull();
                        assertThat(o.getListAmountCents()).as("the active-member coupon's minimum spend").isGreaterThanOrEqualTo(3_000);
                    }
                    default -> throw new AssertionError("not a campaign of this simulator: " + d);
                }
            }
            if (o.getGroupBuyId() != null) {
                assertThat(o.getDiscounts()).anyMatch(d -> d.getKind() == DiscountKind.GROUP_PRICE);
            }
        }
        // every flash-sale window's category is one: two categories never share a campaign
        java.util.Map<String, Set<String>> categoriesByFlash = new java.util.HashMap<>();
        for (var o : placed.values()) {
            for (var d : o.getDiscounts()) {
                if (d.getKind() == DiscountKind.FLASH_SALE) {
                    categoriesByFlash.computeIfAbsent(d.getCampaignId(), k -> new HashSet<>()).add(o.getCategory());
                }
            }
        }
        assertThat(categoriesByFlash).isNotEmpty().allSatisfy((campaign, categories) -> assertThat(categories).hasSize(1));
        assertThat(subsidy.keySet()).containsExactlyInAnyOrder(DiscountKind.GROUP_PRICE,
                DiscountKind.FLASH_SALE, DiscountKind.SPEND_AND_SAVE,
                DiscountKind.NEW_USER_FIRST_ORDER, DiscountKind.REFERRAL_REWARD, DiscountKind.ACTIVE_USER);
        assertThat(couponUsers).isNotEmpty();
        // a new-user coupon goes with the member's first order (puppet accounts of the self-purchase scenario use theirs too)
        java.util.Map<String, OrderEvent> firstOrder = new java.util.HashMap<>();
        for (var o : placed.values()) {
            firstOrder.merge(o.getUserId(), o, (a, b) -> a.getEventTime() <= b.getEventTime() ? a : b);
        }
        assertThat(couponUsers).allSatisfy(u -> assertThat(firstOrder.get(u).getDiscounts())
                .anyMatch(d -> d.getKind() == DiscountKind.NEW_USER_FIRST_ORDER));
        assertThat(signedUpInTheWorld).containsAnyElementsOf(couponUsers);
        assertThat((double) withPoints / orders).as("some orders spend points").isBetween(0.005, 0.2);
    }

    @Test
    void everyCouponIsIssuedOnceAndThenRedeemedOnItsHoldersOrderOrExpiredUnused() throws IOException {
        SimulationOptions options = SimulationOptions.defaults(12, 40_000, 10);
        RecordingWriter run = new RecordingWriter();
        new Simulator(options).run(run, n -> {});
        java.util.Map<String, CouponEvent> issued = new java.util.HashMap<>();
        java.util.Map<String, CouponEvent> ended = new java.util.HashMap<>();
        java.util.Map<String, OrderEvent> placed = new java.util.HashMap<>();
        java.util.Map<String, Long> firstPaid = new java.util.HashMap<>();
        java.util.Map<String, String> referredBy = new java.util.HashMap<>();
        java.util.Map<String, List<Long>> paidTimes = new java.util.HashMap<>();
        Set<String> seen = new HashSet<>();
        long last = 0;
        for (SpecificRecord record : run.events()) {
            PlatformEvent event = PlatformEvent.of(record);
            last = Math.max(last, event.eventTime());
            if (!seen.add(event.eventId())) {
                continue; // a producer's resend
            }
            CouponEvent c = event.coupon();
            if (c != null && c.getType() == CouponEventType.ISSUED) {
                assertThat(issued.put(c.getCouponId(), c)).as("%s issued once", c.getCouponId()).isNull();
                assertThat(c.getExpiresAt()).isGreaterThan(c.getEventTime());
            } else if (c != null) {
                assertThat(ended.put(c.getCouponId(), c)).as("%s redeemed or expired once", c.getCouponId()).isNull();
            }
            var o = event.order();
            if (o != null && o.getType() == OrderEventType.PLACED) {
                placed.put(o.getOrderId(), o);
            }
            if (o != null && o.getType() == OrderEventType.PAID) {
                firstPaid.merge(o.getUserId(), o.getEventTime(), Math::min);
                paidTimes.computeIfAbsent(o.getUserId(), k -> new java.util.ArrayList<>()).add(o.getEventTime());
            }
            var r = event.referral();
            if (r != null && r.getReferredByUserId() != null) {
                assertThat(r.getType()).isEqualTo(ReferralEventType.SIGNED_UP);
                referredBy.put(r.getUserId(), r.getReferredByUserId());
            }
        }
        assertThat(ended.values()).extracting(CouponEvent::getType).contains(CouponEventType.REDEEMED,
                CouponEventType.EXPIRED);
        for (CouponEvent end : ended.values()) {
            CouponEvent start = issued.get(end.getCouponId());
            assertThat(start).as("%s was issued", end.getCouponId()).isNotNull();
            assertThat(end.getUserId()).isEqualTo(start.getUserId());
            if (end.getType() == CouponEventType.EXPIRED) {
                assertThat(end.getEventTime()).as("expired at its expiry").isEqualTo(start.getExpiresAt());
                continue;
            }
            var order = placed.get(end.getOrderId());
            assertThat(order).as("%s redeemed on a placed order", end.getCouponId()).isNotNull();
            assertThat(order.getUserId()).isEqualTo(start.getUserId());
            assertThat(order.getEventTime()).isEqualTo(end.getEventTime()).isLessThan(start.getExpiresAt()).isGreaterThanOrEqualTo(start.getEventTime());
            assertThat(order.getDiscounts()).as("the order names the coupon").anyMatch(d -> end.getCouponId().equals(d.getCouponId())
                    && d.getAmountCents() == start.getValueCents() && d.getCampaignId().equals(start.getCampaignId()));
            assertThat(order.getListAmountCents()).isGreaterThanOrEqualTo(start.getMinSpendCents());
        }
        long lastFullMinute = last - 60_000;
        for (var o : placed.values()) {
            for (var d : o.getDiscounts()) {
                if (d.getCouponId() != null && o.getEventTime() < lastFullMinute) {
                    assertThat(ended.get(d.getCouponId())).as("%s of %s has its REDEEMED event", d.getCouponId(), o.getOrderId())
                            .isNotNull().extracting(CouponEvent::getOrderId).isEqualTo(o.getOrderId());
                }
            }
        }
        // 老带新: the referrer is rewarded when the new user's first order is paid, and is not the new user
        List<CouponEvent> rewards = issued.values().stream()
                .filter(c -> c.getReason() == CouponReason.REFERRAL_REWARD).toList();
        assertThat(rewards).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getRefereeId()).isNotNull().isNotEqualTo(r.getUserId());
            assertThat(firstPaid.get(r.getRefereeId())).isEqualTo(r.getEventTime());
            assertThat(referredBy.get(r.getRefereeId())).as("the signup names who brought %s", r.getRefereeId()).isEqualTo(r.getUserId());
        });
        // and everyone whose signup names who brought them and who paid (in the simulation) earned that member a reward
        Set<String> rewarded = rewards.stream().map(CouponEvent::getRefereeId).collect(Collectors.toSet());
        assertThat(referredBy).isNotEmpty();
        referredBy.keySet().stream().filter(firstPaid::containsKey)
                .forEach(newUser -> assertThat(rewarded).as("%s's first payment rewarded its referrer", newUser).contains(newUser));
        assertThat(issued.values()).filteredOn(c -> c.getReason() == CouponReason.NEW_USER).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getRefereeId()).isNull());
        // 活跃用户: at 09:00, to members with four orders paid in the week before, at most one a week each
        List<CouponEvent> active = issued.values().stream().filter(c -> c.getReason() == CouponReason.ACTIVE_USER)
                .sorted(java.util.Comparator.comparingLong(CouponEvent::getEventTime)).toList();
        java.util.Map<String, Long> lastActive = new java.util.HashMap<>();
        assertThat(active).isNotEmpty().allSatisfy(c -> {
            assertThat(java.time.Instant.ofEpochMilli(c.getEventTime()).atZone(options.zone()).toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
            long t = c.getEventTime();
            assertThat(paidTimes.getOrDefault(c.getUserId(), List.of()).stream().filter(p -> p > t - 7 * 86_400_000L && p <= t).count())
                    .as("%s's orders paid in the week before", c.getUserId()).isGreaterThanOrEqualTo(4);
            Long before = lastActive.put(c.getUserId(), t);
            assertThat(before == null || before <= t - 7 * 86_400_000L).as("one a week for %s", c.getUserId()).isTrue();
        });
        assertThat(placed.values()).as("active-member coupons are redeemed as what they are")
                .anySatisfy(o -> assertThat(o.getDiscounts()).anySatisfy(d -> assertThat(d.getKind()).isEqualTo(DiscountKind.ACTIVE_USER)));
    }

    @Test
    void flashSalesSellOnlyTheirStockInsideTheirHourAndSayWhenItRanOut() throws IOException {
        RecordingWriter run = new RecordingWriter();
        new Simulator(SimulationOptions.defaults(14, 60_000, 6)).run(run, n -> {});
        Map<String, CampaignEvent> started = new java.util.HashMap<>();
        Map<String, CampaignEvent> soldOut = new java.util.HashMap<>();
        Map<String, Long> claimed = new java.util.HashMap<>();
        Map<String, Long> lastClaim = new java.util.HashMap<>();
        Map<OrderEvent, String> flashOrders = new java.util.HashMap<>();
        Set<String> seen = new HashSet<>();
        for (SpecificRecord record : run.events()) {
            PlatformEvent event = PlatformEvent.of(record);
            if (!seen.add(event.eventId())) {
                continue;
            }
            CampaignEvent c = event.campaign();
            if (c != null && c.getType() == CampaignEventType.STARTED) {
                assertThat(started.put(c.getCampaignId(), c)).isNull();
                assertThat(c.getEventTime()).isEqualTo(c.getStartsAt());
            } else if (c != null && c.getType() == CampaignEventType.SOLD_OUT) {
                assertThat(soldOut.put(c.getCampaignId(), c)).isNull();
            }
            OrderEvent o = event.order();
            if (o == null || o.getType() != OrderEventType.PLACED) {
                continue;
            }
            o.getDiscounts().stream().filter(d -> d.getKind() == DiscountKind.FLASH_SALE).forEach(d -> flashOrders.put(o, d.getCampaignId()));
        }
        // in event time (the producers' jitter sends some a few seconds out of order)
        flashOrders.forEach((o, campaign) -> {
            CampaignEvent sale = started.get(campaign);
            assertThat(sale).as("%s started", campaign).isNotNull();
            assertThat(o.getEventTime()).isBetween(sale.getStartsAt(), sale.getEndsAt() - 1);
            assertThat(o.getCategory()).isEqualTo(sale.getCategory());
            if (soldOut.containsKey(campaign)) {
                assertThat(o.getEventTime()).as("nothing sells after the sale sold out").isLessThanOrEqualTo(soldOut.get(campaign).getEventTime());
            }
            claimed.merge(campaign, (long) o.getQuantity(), Long::sum);
            lastClaim.merge(campaign, o.getEventTime(), Math::max);
        });
        assertThat(started).hasSizeGreaterThanOrEqualTo(10);
        for (CampaignEvent sale : started.values()) {
            long units = claimed.getOrDefault(sale.getCampaignId(), 0L);
            assertThat(units).as("%s sells at most its stock", sale.getCampaignId()).isLessThanOrEqualTo(sale.getStockUnits());
            CampaignEvent out = soldOut.get(sale.getCampaignId());
            if (units == sale.getStockUnits()) {
                assertThat(out).as("%s sold out", sale.getCampaignId()).isNotNull();
                assertThat(out.getEventTime()).isEqualTo(lastClaim.get(sale.getCampaignId()));
            } else {
                assertThat(out).isNull();
            }
        }
        // the merchandiser sizes stock on the last sale: some sell out, some do not
        assertThat(soldOut).isNotEmpty().hasSizeLessThan(started.size());
    }

    @Test
    void eventsAreValidWithinTheJitterBoundAndIncludeDuplicates() throws IOException {
        RecordingWriter run = simulate(11, 30_000);
        EventValidator validator = new EventValidator();
        long maxSeen = Long.MIN_VALUE;
        long worstLag = 0;
        Set<String> ids = new HashSet<>();
        int duplicates = 0;
        for (SpecificRecord record : run.events()) {
            PlatformEvent event = PlatformEvent.of(record);
            assertThat(validator.violation(event)).as(event.toString()).isEmpty();
            maxSeen = Math.max(maxSeen, event.eventTime());
            worstLag = Math.max(worstLag, maxSeen - event.eventTime());
            if (!ids.add(event.eventId())) {
                duplicates++;
            }
        }
        assertThat(worstLag).isPositive().isLessThanOrEqualTo(20_000);
        assertThat(duplicates).isPositive();
    }

    @Test
    void everyFraudScenarioIsInjectedAndLabelled() throws IOException {
        RecordingWriter run = simulate(3, 40_000);
        Set<String> scenarios = run.labels().stream().map(FraudLabel::scenario).collect(Collectors.toSet());
        assertThat(scenarios).containsExactlyInAnyOrder(
                "fake_member_farm", "leader_self_purchase", "refund_abuse", "referral_ring", "coupon_farming");
        Set<String> orderIds = run.events().stream().map(PlatformEvent::of).filter(e -> e.order() != null)
                .map(e -> e.order().getOrderId()).collect(Collectors.toSet());
        run.labels().stream().filter(l -> l.subject().equals("order"))
                .forEach(l -> assertThat(orderIds).contains(l.id()));
    }

    @Test
    void aCouponFarmRedeemsNewUserCouponsOnFewIdentifiersAndClosesTheReferralLoopThroughItsOwnAccounts() throws IOException {
        RecordingWriter run = simulate(3, 40_000);
        Set<String> farmAccounts = run.labels().stream().filter(l -> l.subject().equals("member") && l.scenario().equals("coupon_farming"))
                .map(FraudLabel::id).collect(Collectors.toSet());
        Set<String> farmOrders = run.labels().stream().filter(l -> l.subject().equals("order") && l.scenario().equals("coupon_farming"))
                .map(FraudLabel::id).collect(Collectors.toSet());
        assertThat(farmAccounts).hasSizeGreaterThanOrEqualTo(8);
        List<OrderEvent> paid = run.events().stream().map(PlatformEvent::of).map(PlatformEvent::order)
                .filter(o -> o != null && o.getType() == OrderEventType.PAID && farmOrders.contains(o.getOrderId()))
                .toList();
        assertThat(paid).hasSize(farmOrders.size());
        // every farm order redeems a coupon: an account's new-user coupon, or the reward for an account it brought
        assertThat(paid).allSatisfy(o -> assertThat(o.getDiscounts()).anySatisfy(d -> assertThat(d.getCouponId()).isNotNull()));
        assertThat(paid).allSatisfy(o -> assertThat(farmAccounts).contains(o.getUserId()));
        Set<DiscountKind> kinds = paid.stream().flatMap(o -> o.getDiscounts().stream())
                .filter(d -> d.getCouponId() != null).map(Discount::getKind).collect(Collectors.toSet());
        assertThat(kinds).contains(DiscountKind.NEW_USER_FIRST_ORDER, DiscountKind.REFERRAL_REWARD);
        // the rewards were earned inside the farm: holder and referee are both its accounts
        List<CouponEvent> rewards = run.events().stream().map(PlatformEvent::of).map(PlatformEvent::coupon)
                .filter(c -> c != null && c.getType() == CouponEventType.ISSUED && farmAccounts.contains(c.getUserId())
                        && c.getReason() == CouponReason.REFERRAL_REWARD)
                .toList();
        assertThat(rewards).isNotEmpty().allSatisfy(c -> assertThat(farmAccounts).contains(c.getRefereeId()));
        // and the referees' signups name their referrers, accounts of the farm on its devices
        Map<String, String> farmReferrers = run.events().stream().map(PlatformEvent::of).map(PlatformEvent::referral)
                .filter(r -> r != null && r.getType() == ReferralEventType.SIGNED_UP && farmAccounts.contains(r.getUserId())
                        && r.getReferredByUserId() != null)
                .collect(Collectors.toMap(ReferralEvent::getUserId, ReferralEvent::getReferredByUserId, (a, b) -> a));
        assertThat(farmReferrers.values()).isNotEmpty().allSatisfy(referrer -> assertThat(farmAccounts).contains(referrer));
        // few identifiers: the farm's accounts share devices and payment accounts
        long devices = paid.stream().map(OrderEvent::getDeviceId).distinct().count();
        long payers = paid.stream().map(OrderEvent::getPaymentAccount).distinct().count();
        long scenarios = run.labels().stream().filter(l -> l.scenario().equals("coupon_farming") && l.subject().equals("member"))
                .map(l -> l.eventTime() / 86_400_000L).distinct().count();
        assertThat(devices).isLessThanOrEqualTo(3 * scenarios + 1);
        assertThat(payers).isLessThanOrEqualTo(2 * scenarios + 1);
    }

    @Test
    void aRealisticWorldDriftsAndBringsANewScenarioOnlyInItsLastQuarter() throws IOException {
        SimulationOptions options = SimulationOptions.defaults(3, 120_000, 8).withDifficulty(Difficulty.REALISTIC);
        RecordingWriter run = new RecordingWriter();
        new Simulator(options).run(run, n -> {});
        RecordingWriter again = new RecordingWriter();
        new Simulator(options).run(again, n -> {});
        assertThat(run.events()).isEqualTo(again.events());
        assertThat(run.labels()).isEqualTo(again.labels());
        assertThat(run.events()).isNotEqualTo(simulate(3, 120_000, 8).events()); // the separable world of the same seed

        long day = 86_400_000L;
        long start = options.startMillis();
        Set<String> scenarios = run.labels().stream().map(FraudLabel::scenario).collect(Collectors.toSet());
        assertThat(scenarios).containsExactlyInAnyOrder(
                "fake_member_farm", "leader_self_purchase", "refund_abuse", "referral_ring", "coupon_farming", "bulk_scalping");
        // 7 days carry scenarios; the new one starts on day ceil(7 × 0.75) = 6
        assertThat(run.labels()).filteredOn(l -> l.scenario().equals("bulk_scalping"))
                .isNotEmpty().allSatisfy(l -> assertThat(l.eventTime()).isGreaterThanOrEqualTo(start + 6 * day));
        // the fraud rate rises (0.6 of each scenario on the first day, 2.4 on the seventh): the known scenarios label half
        // as many members again in the second half of those seven days as in the first
        long half = 7 * day / 2;
        long firstHalf = run.labels().stream().filter(l -> l.subject().equals("member") && !l.scenario().equals("bulk_scalping")
                && l.eventTime() < start + half).count();
        long secondHalf = run.labels().stream().filter(l -> l.subject().equals("member") && !l.scenario().equals("bulk_scalping")
                && l.eventTime() >= start + half).count();
        assertThat(secondHalf).as("members labelled in the second half against the first (%d)", firstHalf)
                .isGreaterThan(firstHalf * 3 / 2);
        EventValidator validator = new EventValidator();
        for (SpecificRecord record : run.events()) {
            assertThat(validator.violation(PlatformEvent.of(record))).isEmpty();
        }
    }

    @Test
    void fileOutputHoldsTheSameEventsAsTheRecording(@TempDir Path dir) throws IOException {
        try (JsonLinesWriter writer = new JsonLinesWriter(dir)) {
            new Simulator(SimulationOptions.defaults(5, 5_000, 1)).run(writer, n -> {});
        }
        RecordingWriter recording = simulate(5, 5_000, 1);
        List<String> lines = Files.readAllLines(dir.resolve(JsonLinesWriter.EVENTS_FILE));
        JsonEventCodec codec = new JsonEventCodec();
        assertThat(lines).hasSize(recording.events().size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(codec.encode(recording.events().get(i)));
        }
        assertThat(Files.readAllLines(dir.resolve(JsonLinesWriter.LABELS_FILE))).hasSize(recording.labels().size());
    }

    @Test
    void aSteadyPopulationKeepsItsShoppersAndLeadersLevelWhileMembersComeAndGo() throws IOException {
        SimulationOptions options = new SimulationOptions(3, 60_000, 20, java.time.LocalDate.of(2026, 11, 16),
                java.time.ZoneId.of("Asia/Shanghai"), 20_000, 0.002, false);
        Simulator steady = new Simulator(options, Population.STEADY);
        int shoppers = steady.world().members.size();
        int leaders = steady.world().leaders.size();
        RecordingWriter recording = new RecordingWriter();
        steady.run(recording, n -> {});
        assertThat(steady.world().members).hasSize(shoppers);
        assertThat(steady.world().leaders).hasSize(leaders);
        long signups = recording.events().stream().map(PlatformEvent::of)
                .filter(e -> e.referral() != null && e.referral().getType() == io.leaderlens.events.ReferralEventType.SIGNED_UP).count();
        assertThat(signups).as("members still come (and as many go)").isGreaterThan(1_000);

        Simulator growing = new Simulator(options);
        growing.run(new RecordingWriter(), n -> {});
        assertThat(growing.world().members.size()).isGreaterThan(shoppers + 1_000);
    }
}
