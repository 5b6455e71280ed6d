package io.leaderlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
    static LeaderMetrics leader(String id, long gross, long refund) {
        return new LeaderMetrics(id, "hangzhou", LocalDate.EPOCH, 0, 1, gross, refund, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void ranksByNetGmvThenLeaderIdAndCutsAtSize() {
        List<LeaderboardEntry> ranked = new Leaderboard(3).rank(List.of(
                leader("L4", 900, 0), leader("L2", 1_000, 100), leader("L3", 5_000, 4_500), leader("L1", 900, 0)));
        assertThat(ranked).extracting(LeaderboardEntry::leaderId).containsExactly("L1", "L2", "L4");
        assertThat(ranked).extracting(LeaderboardEntry::rank).containsExactly(1, 2, 3);
        assertThat(ranked).extracting(LeaderboardEntry::netGmvCents).containsExactly(900L, 900L, 900L);
    }

    @Test
    void refusesAnEmptyBoard() {
        assertThatThrownBy(() -> new Leaderboard(0)).hasMessageContaining("positive");
    }
}
