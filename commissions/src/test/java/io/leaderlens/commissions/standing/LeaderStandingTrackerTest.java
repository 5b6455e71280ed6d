package io.leaderlens.commissions.standing;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.rates.LeaderStanding;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import org.junit.jupiter.api.Test;

/** Trailing 30-day standing with the metric definitions of the dashboards. */
class LeaderStandingTrackerTest {
    private static final long DAY = 86_400_000L;
    private final LeaderStandingTracker tracker = new LeaderStandingTracker("L1");
    private int id;

    @Test
    void countsTheLastThirtyDaysLikeTheLeaderMetrics() {
        tracker.accept(order(OrderEventType.PAID, "m1", 10_000, 0));
        tracker.accept(order(OrderEventType.PAID, "m2", 5_000, DAY));
        tracker.accept(order(OrderEventType.PAID, "m1", 1_000, 2 * DAY));
        tracker.accept(order(OrderEventType.REFUNDED, "m2", 5_000, 3 * DAY));
        tracker.accept(order(OrderEventType.CONFIRMED, "m1", 1_000, 3 * DAY));
        tracker.accept(group(GroupBuyEventType.FORMED, 4 * DAY));
        tracker.accept(group(GroupBuyEventType.FAILED, 4 * DAY));
        tracker.accept(group(GroupBuyEventType.FORMED, 5 * DAY));
        tracker.accept(referral(ReferralEventType.SCANNED, "poster", 5 * DAY));
        tracker.accept(referral(ReferralEventType.SCANNED, "poster", 5 * DAY));
        tracker.accept(referral(ReferralEventType.SIGNED_UP, "poster", 5 * DAY));
        tracker.accept(referral(ReferralEventType.SIGNED_UP, null, 5 * DAY)); // not through a poster: not a funnel signup

        LeaderStanding now = tracker.at(6 * DAY);
        assertThat(now.netGmv30dCents()).isEqualTo(10_000 + 5_000 + 1_000 - 5_000);
        assertThat(now.activeMembers()).isEqualTo(2);
        assertThat(now.formationRate()).isEqualTo(2.0 / 3);
        assertThat(now.conversionRate()).isEqualTo(0.5);

        // 30 days after the first payment it leaves the window; m1 is still active through the later one
        LeaderStanding later = tracker.at(30 * DAY);
        assertThat(later.netGmv30dCents()).isEqualTo(5_000 + 1_000 - 5_000);
        assertThat(later.activeMembers()).isEqualTo(2);
        assertThat(tracker.at(32 * DAY).activeMembers()).as("m1's and m2's payments have left").isZero();
        assertThat(tracker.at(40 * DAY).formationRate()).isNaN();
    }

    private PlatformEvent order(OrderEventType type, String member, long cents, long t) {
        return new PlatformEvent(OrderEvent.newBuilder().setEventId("e" + id++).setOrderId("o-" + member + t).setType(type).setUserId(member)
                .setLeaderId("L1").setCity("c").setProductId("p").setCategory("snacks").setQuantity(1).setAmountCents(cents)
                .setCurrency("CNY").setPickupPointId("pp").setDeviceId("d").setIp("ip").setPaymentAccount("pa").setEventTime(t).build());
    }

    private PlatformEvent group(GroupBuyEventType type, long t) {
        return new PlatformEvent(GroupBuyEvent.newBuilder().setEventId("e" + id++).setGroupBuyId("g" + id).setType(type).setLeaderId("L1")
                .setCity("c").setUserId(null).setOpenedByLeader(false).setProductId("p").setGroupSize(2).setMemberCount(2)
                .setDeadline(t).setEventTime(t).build());
    }

    private PlatformEvent referral(ReferralEventType type, String poster, long t) {
        return new PlatformEvent(ReferralEvent.newBuilder().setEventId("e" + id++).setType(type).setLeaderId("L1").setCity("c")
                .setUserId("u" + id).setPosterId(poster).setEventTime(t).build());
    }
}
