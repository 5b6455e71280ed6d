package io.leaderlens.commissions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.commissions.ledger.LineKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void periodsAreIsoWeeksAndMonthsOnThePlatformClock() {
        SettlementPeriod w47 = SettlementPeriod.parse("2026-W47");
        assertThat(w47.firstDay()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(w47.endDay()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(SettlementPeriod.parse("2026-W01").firstDay()).isEqualTo(LocalDate.of(2025, 12, 29)); // ISO week 1 starts in 2025
        assertThat(SettlementPeriod.weekOf(LocalDate.of(2026, 11, 22))).isEqualTo(w47);
        assertThat(SettlementPeriod.weekOf(LocalDate.of(2026, 1, 1)).name()).isEqualTo("2026-W01");
        assertThat(SettlementPeriod.parse("2026-11").endDay()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(w47.startMillis(SHANGHAI)).isEqualTo(java.time.Instant.parse("2026-11-15T16:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> SettlementPeriod.parse("2026-W54")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SettlementPeriod.parse("last week")).hasMessageContaining("2026-W47");
    }

    @Test
    void thePreviousPeriodIsTheWeekOrMonthBeforeAcrossYearEnds() {
        assertThat(SettlementPeriod.parse("2026-W48").previous().name()).isEqualTo("2026-W47");
        assertThat(SettlementPeriod.parse("2026-W01").previous().name()).isEqualTo("2025-W52");
        assertThat(SettlementPeriod.parse("2021-W01").previous().name()).isEqualTo("2020-W53"); // a 53-week year
        assertThat(SettlementPeriod.parse("2026-11").previous().name()).isEqualTo("2026-10");
        assertThat(SettlementPeriod.parse("2026-01").previous().name()).isEqualTo("2025-12");
    }

    @Test
    void aClawbackOfCommissionPaidLastWeekIsThisWeeksAdjustmentAndNothingIsPaidTwice() {
        SettlementPeriod w47 = SettlementPeriod.parse("2026-W47");
        SettlementPeriod w48 = SettlementPeriod.parse("2026-W48");
        long inW47 = w47.startMillis(SHANGHAI) + 1_000;
        long inW48 = w48.startMillis(SHANGHAI) + 1_000;
        List<CreditedEntry> ledger = new ArrayList<>(List.of(
                new CreditedEntry("a", "L1", LineKind.TIER1, 1_000, inW47),
                new CreditedEntry("b", "L1", LineKind.TIER2, 50, inW47),
                new CreditedEntry("c", "L1", LineKind.NEW_MEMBER_BONUS, 300, inW47),
                new CreditedEntry("d", "L2", LineKind.TIER1, 700, inW48)));

        Settlement.Result first = Settlement.settle(w47, SHANGHAI, ledger, 0);
        assertThat(first.statements()).singleElement().satisfies(s -> {
            assertThat(s.leaderId()).isEqualTo("L1");
            assertThat(s.payoutCents()).isEqualTo(1_350);
            assertThat(s.bonusCents()).isEqualTo(300);
        });

        // what the next settlement sees: the entries no statement covered, plus a refund in W48 of W47's order
        List<CreditedEntry> unsettled = new ArrayList<>(ledger);
        first.itemsByLeader().values().forEach(unsettled::removeAll);
        unsettled.add(new CreditedEntry("a-refund", "L1", LineKind.TIER1, -400, inW48));
        Settlement.Result second = Settlement.settle(w48, SHANGHAI, unsettled, 0);
        assertThat(second.statements()).extracting(SettlementStatement::leaderId, SettlementStatement::payoutCents,
                SettlementStatement::adjustmentCents).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("L1", -400L, -400L),
                        org.assertj.core.groups.Tuple.tuple("L2", 700L, 0L));
    }
}
