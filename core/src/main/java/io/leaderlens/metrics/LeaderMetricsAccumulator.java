package io.leaderlens.metrics;

import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts one leader's events in one period. Mutable on purpose: it is the accumulator of a window
 * aggregation, so it has public fields and a no-argument constructor for Flink's POJO serializer.
 *
 * <ul>
 *   <li>gross GMV, orders, buyers: PAID order events (amount, count, distinct users);</li>
 *   <li>refunds: REFUNDED order events (the refunded amount), counted when they happen;</li>
 *   <li>new members: distinct users bound by SIGNED_UP; signups: SIGNED_UP that came through a poster;</li>
 *   <li>shares, scans: POSTER_SHARED, SCANNED; first orders: PAID that is the member's first paid order
 *       with this leader (decided upstream, which sees the leader's whole history);</li>
 *   <li>groups opened / formed / failed: OPENED, FORMED, FAILED group-buy events.</li>
 * </ul>
 */
public final class LeaderMetricsAccumulator {
    public String leaderId;
    public String city;
    public long grossGmvCents;
    public long refundCents;
    public long orders;
    public Set<String> buyers = new HashSet<>();
    public Set<String> newMembers = new HashSet<>();
    public long groupsOpened;
    public long groupsFormed;
    public long groupsFailed;
    public long shares;
    public long scans;
    public long signups;
    public long firstOrders;

    public LeaderMetricsAccumulator add(PlatformEvent event, boolean firstOrder) {
        leaderId = event.leaderId();
        city = event.city();
        if (event.order() != null) {
            addOrder(event.order(), firstOrder);
        } else if (event.groupBuy() != null) {
            addGroupBuy(event.groupBuy());
        } else if (event.referral() != null) {
            addReferral(event.referral());
        }
        // a coupon's life moves no leader figure: its subsidy is in the order that redeems it
        return this;
    }

    private void addOrder(OrderEvent order, boolean firstOrder) {
        switch (order.getType()) {
            case PAID -> {
                grossGmvCents = Math.addExact(grossGmvCents, order.getAmountCents());
                orders++;
                buyers.add(order.getUserId());
                if (firstOrder) {
                    firstOrders++;
                }
            }
            case REFUNDED -> refundCents = Math.addExact(refundCents, order.getAmountCents());
            default -> { }
        }
    }

    private void addGroupBuy(GroupBuyEvent group) {
        switch (group.getType()) {
            case OPENED -> groupsOpened++;
            case FORMED -> groupsFormed++;
            case FAILED -> groupsFailed++;
            default -> { }
        }
    }

    private void addReferral(ReferralEvent referral) {
        switch (referral.getType()) {
            case POSTER_SHARED -> shares++;
            case SCANNED -> scans++;
            case SIGNED_UP -> {
                if (referral.getUserId() != null) {
                    newMembers.add(referral.getUserId());
                }
                if (referral.getPosterId() != null) {
                    signups++;
                }
            }
            default -> { }
        }
    }

    public LeaderMetricsAccumulator merge(LeaderMetricsAccumulator other) {
        if (leaderId == null) {
            leaderId = other.leaderId;
            city = other.city;
        }
        grossGmvCents = Math.addExact(grossGmvCents, other.grossGmvCents);
        refundCents = Math.addExact(refundCents, other.refundCents);
        orders += other.orders;
        buyers.addAll(other.buyers);
        newMembers.addAll(other.newMembers);
        groupsOpened += other.groupsOpened;
        groupsFormed += other.groupsFormed;
        groupsFailed += other.groupsFailed;
        shares += other.shares;
        scans += other.scans;
        signups += other.signups;
        firstOrders += other.firstOrders;
        return this;
    }

    public LeaderMetrics result(LocalDate day, long periodStart, long periodEnd) {
        return new LeaderMetrics(leaderId, city, day, periodStart, periodEnd, grossGmvCents, refundCents, orders,
                buyers.size(), newMembers.size(), groupsOpened, groupsFormed, groupsFailed, shares, scans, signups,
                firstOrders);
    }
}
