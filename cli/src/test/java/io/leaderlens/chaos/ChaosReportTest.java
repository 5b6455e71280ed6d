package io.leaderlens.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTest {
    private static final ChaosRun.Options OPTIONS = new ChaosRun.Options(7, 10_000, 2, LocalDate.of(2031, 3, 3), 7, 1_000, null, Path.of("x"));

    @Test
    void equalMapsPassAndTheFirstDifferencesAreNamed() {
        assertThat(ChaosChecks.compare("c", "figures", Map.of("a", 1L, "b", 2L), Map.of("a", 1L, "b", 2L), "").passed()).isTrue();

        ChaosReport.Check differs = ChaosChecks.compare("c", "figures", Map.of("a", 1L, "b", 3L), Map.of("a", 1L, "b", 2L, "c", 5L), "");
        assertThat(differs.passed()).isFalse();
        assertThat(differs.detail()).contains("2 differ", "b: 3 landed / 2 recomputed", "c: null landed / 5 recomputed");
    }

    @Test
    void nothingRecomputedOrAProblemBesideTheFiguresFails() {
        assertThat(ChaosChecks.compare("c", "figures", Map.<String, Long>of(), Map.<String, Long>of(), "").passed())
                .as("an empty comparison proves nothing").isFalse();
        ChaosReport.Check twice = ChaosChecks.compare("c", "figures", Map.of("a", 1L), Map.of("a", 1L), "a has two statements");
        assertThat(twice.passed()).isFalse();
        assertThat(twice.detail()).contains("a has two statements");
    }

    @Test
    void aReportPassesOnlyWhenEveryCheckPassedAndListsEveryFault() {
        ChaosReport.StruckFault kill = new ChaosReport.StruckFault(FaultKind.TASK_MANAGER_KILLED, ChaosPlan.Phase.STREAM, 12_300,
                "flink-taskmanager-1", 8_400);
        ChaosReport ok = new ChaosReport(OPTIONS, List.of(kill), List.of(new ChaosReport.Check("a", true, "equal")), 60_000);
        ChaosReport failed = new ChaosReport(OPTIONS, List.of(kill),
                List.of(new ChaosReport.Check("a", true, "equal"), new ChaosReport.Check("b", false, "3 differ")), 60_000);
        assertThat(ok.passed()).isTrue();
        assertThat(failed.passed()).isFalse();
        assertThat(new ChaosReport(OPTIONS, List.of(kill), List.of(), 1).passed()).as("no checks, no pass").isFalse();
        assertThat(ok.faultsOf(FaultKind.TASK_MANAGER_KILLED)).isEqualTo(1);
        assertThat(failed.render()).contains("FAILED", "| 1 | 12.3 | STREAM | TASK_MANAGER_KILLED | flink-taskmanager-1 | 8.4 |",
                "| b | **FAILED** | 3 differ |");
    }
}
