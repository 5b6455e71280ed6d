package io.leaderlens.metrics;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/** One ranked row of a city's leaderboard for a period (an hour or a day). Rank 1 is the best. */
public record LeaderboardEntry(
        String city, LocalDate day, long periodStart, long periodEnd, int rank, String leaderId,
        long netGmvCents, long orders, long buyers) {

    public LeaderboardEntry {
        requireNonNull(city, "city");
        requireNonNull(day, "day");
        requireNonNull(leaderId, "leaderId");
    }
}
