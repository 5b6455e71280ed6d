package io.leaderlens.metrics;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * A leader's performance over one period (a minute or a day on the platform's clock). The single
 * definition of every leader metric; see {@link LeaderMetricsAccumulator} for how each is counted.
 *
 * @param periodStart epoch millis, inclusive
 * @param periodEnd   epoch millis, exclusive
 * @param day         local date of the period on the platform's clock
 */
public record LeaderMetrics(
        String leaderId,
        String city,
        LocalDate day,
        long periodStart,
        long periodEnd,
        long grossGmvCents,
        long refundCents,
        long orders,
        long buyers,
        long newMembers,
        long groupsOpened,
        long groupsFormed,
        long groupsFailed,
        long shares,
        long scans,
        long signups,
        long firstOrders) {

    public LeaderMetrics {
        requireNonNull(leaderId, "leaderId");
        requireNonNull(city, "city");
        requireNonNull(day, "day");
    }

    /** Paid minus refunded in the period; negative when refunds of earlier sales dominate. */
    public long netGmvCents() {
        return grossGmvCents - refundCents;
    }

    /** Groups formed out of groups that reached an outcome (formed or failed) in the period. */
    public Double formationRate() {
        return Ratios.rate(groupsFormed, groupsFormed + groupsFailed);
    }

    public Double scanRate() {
        return Ratios.rate(scans, shares);
    }

    public Double signupRate() {
        return Ratios.rate(signups, scans);
    }

    public Double firstOrderRate() {
        return Ratios.rate(firstOrders, signups);
    }
}
