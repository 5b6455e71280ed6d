package io.leaderlens.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The leaderboard rule: highest net GMV first; ties go to the smaller leader id, so ranks are stable. */
public final class Leaderboard {
    public static final Comparator<LeaderMetrics> ORDER =
            Comparator.comparingLong(LeaderMetrics::netGmvCents).reversed().thenComparing(LeaderMetrics::leaderId);

    private final int size;

    public Leaderboard(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("leaderboard size must be positive, got " + size);
        }
        this.size = size;
    }

    /** Ranks the leaders of one city and period; all inputs share the city and period. */
    public List<LeaderboardEntry> rank(List<LeaderMetrics> leaders) {
        List<LeaderMetrics> sorted = new ArrayList<>(leaders);
        sorted.sort(ORDER);
        List<LeaderboardEntry> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(size, sorted.size()); i++) {
            LeaderMetrics m = sorted.get(i);
            ranked.add(new LeaderboardEntry(m.city(), m.day(), m.periodStart(), m.periodEnd(), i + 1, m.leaderId(),
                    m.netGmvCents(), m.orders(), m.buyers()));
        }
        return ranked;
    }
}
