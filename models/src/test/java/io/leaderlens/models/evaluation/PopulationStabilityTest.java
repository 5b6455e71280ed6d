package io.leaderlens.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {
    @Test
    void psiByHandOnFourBins() {
        // baseline 1..8: quartile edges 3, 5, 7 → shares 1/4 each
        PopulationStability.Baseline baseline = PopulationStability.baseline(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4);
        assertThat(baseline.edges()).containsExactly(3, 5, 7);
        assertThat(baseline.shares()).containsExactly(0.25, 0.25, 0.25, 0.25);
        // current: half in the first bin, half in the last
        double psi = baseline.psi(new double[] {1, 2, 8, 9});
        double byHand = 2 * (0.5 - 0.25) * Math.log(0.5 / 0.25) + 2 * (1e-4 - 0.25) * Math.log(1e-4 / 0.25);
        assertThat(psi).isCloseTo(byHand, within(1e-12));
    }

    @Test
    void theSameDistributionIsStableAndAShiftedOneIsNot() {
        Random random = new Random(3);
        double[] base = random.doubles(20_000).toArray();
        PopulationStability.Baseline baseline = PopulationStability.baseline(base, 10);
        assertThat(baseline.psi(random.doubles(20_000).toArray())).isLessThan(0.01);
        assertThat(baseline.psi(random.doubles(20_000).map(x -> Math.min(1, x + 0.3)).toArray())).isGreaterThan(0.25);
    }

    @Test
    void tiesMergeBinsInsteadOfLeavingEmptyOnes() {
        double[] mostlyZero = new double[100];
        mostlyZero[98] = 0.5;
        mostlyZero[99] = 0.9;
        PopulationStability.Baseline baseline = PopulationStability.baseline(mostlyZero, 10);
        assertThat(baseline.edges()).isEmpty(); // every decile is 0 (the minimum): one bin
        assertThat(baseline.psi(mostlyZero)).isZero();
    }
}
