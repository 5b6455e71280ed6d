package io.leaderlens.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {
    @Test
    void everyKindStrikesAtLeastOnceAndEachPhaseLosesATaskManager() {
        for (long seed = 0; seed < 200; seed++) {
            ChaosPlan plan = ChaosPlan.draw(seed, 7, 5_000);
            List<FaultKind> kinds = new ArrayList<>();
            plan.streamPhase().forEach(s -> kinds.add(s.kind()));
            plan.payPhase().forEach(s -> kinds.add(s.kind()));
            for (FaultKind kind : FaultKind.values()) {
                if (kind.strikesJobs()) {
                    assertThat(kinds).as("seed " + seed).contains(kind);
                }
            }
            assertThat(plan.settlementKills()).isEqualTo(1);
            assertThat(plan.streamPhase()).as("seed " + seed).anyMatch(s -> s.kind() == FaultKind.TASK_MANAGER_KILLED);
            assertThat(plan.payPhase()).as("seed " + seed).anyMatch(s -> s.kind() == FaultKind.TASK_MANAGER_KILLED);
            assertThat(plan.faults()).isBetween(7, 8); // one more TaskManager kill when a phase had none to spare
            assertThat(plan.streamPhase()).allMatch(s -> s.delayMillis() >= 0 && s.delayMillis() < 5_000);
            assertThat(plan.payPhase()).as("seed " + seed + ": commit faults strike while events stream in")
                    .noneMatch(s -> s.kind().needsDataCommits());
            List<Boolean> onCommits = plan.streamPhase().stream().map(s -> s.kind().needsDataCommits()).toList();
            assertThat(onCommits.indexOf(false) < 0 || !onCommits.subList(onCommits.indexOf(false), onCommits.size()).contains(true))
                    .as("seed " + seed + ": commit faults first " + plan.streamPhase()).isTrue();
        }
    }

    @Test
    void aSeedDrawsTheSamePlanAndMoreFaultsAreDrawnAtRandom() {
        assertThat(ChaosPlan.draw(42, 20, 5_000)).isEqualTo(ChaosPlan.draw(42, 20, 5_000));
        assertThat(ChaosPlan.draw(42, 20, 5_000)).isNotEqualTo(ChaosPlan.draw(43, 20, 5_000));
        assertThat(ChaosPlan.draw(42, 20, 5_000).faults()).isBetween(20, 21);
    }

    @Test
    void aPlanWithoutEveryKindIsRefused() {
        assertThatThrownBy(() -> ChaosPlan.draw(1, 6, 1_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--faults 7 or more");
    }
}
