package io.leaderlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static final long DAY = 86_400_000L;

    @Test
    void spendingCountsPurchasesInsideEachTrailingWindow() {
        SpendingWindows windows = new SpendingWindows(List.of(Duration.ofDays(1), Duration.ofDays(7)));
        windows.add("m", 0, 1_000);
        windows.add("m", 3 * DAY, 500);
        windows.add("m", 3 * DAY + 1, 1_500);
        SpendingWindows.Spending[] s = windows.spending("m", 3 * DAY + 1);
        assertThat(s[0]).isEqualTo(new SpendingWindows.Spending(2, 2_000));
        assertThat(s[1]).isEqualTo(new SpendingWindows.Spending(3, 3_000));
        assertThat(s[1].meanCents()).isEqualTo(1_000.0);
        // exactly one window length later, the first purchase has left the 7-day window
        assertThat(windows.spending("m", 7 * DAY)[1].count()).isEqualTo(2);
        assertThat(windows.spending("nobody", 0)[0].meanCents()).isZero();
    }

    @Test
    void riskSeesOnlyOutcomesOlderThanTheDelay() {
        DelayedOutcomeRisk risk = new DelayedOutcomeRisk(Duration.ofDays(7), List.of(Duration.ofDays(1), Duration.ofDays(30)));
        risk.add("pp", 0, true);
        risk.add("pp", 2 * DAY, false);
        risk.add("pp", 9 * DAY, true);
        // at day 9.5 only outcomes up to day 2.5 are known: day 0 (bad) and day 2 (good)
        DelayedOutcomeRisk.Risk[] r = risk.risk("pp", 9 * DAY + DAY / 2);
        assertThat(r[1]).isEqualTo(new DelayedOutcomeRisk.Risk(2, 1));
        assertThat(r[0]).isEqualTo(new DelayedOutcomeRisk.Risk(1, 0));
        assertThat(r[1].rate()).isEqualTo(0.5);
        assertThat(risk.risk("pp", 9 * DAY)[1].transactions()).as("day 9's own outcome is not known yet").isEqualTo(2);
    }
}
