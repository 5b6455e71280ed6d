package io.leaderlens.models.smile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {
    @Test
    void scoresEqualSmilesOwnBitForBit() {
        Random random = new Random(5);
        int n = 3_000;
        double[][] x = new double[n][5];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = j == 4 ? random.nextInt(3) : random.nextGaussian();
            }
            y[i] = x[i][0] + 0.5 * x[i][1] * x[i][4] + 0.3 * random.nextGaussian() > 0.8 ? 1 : 0;
        }
        List<String> names = IntStream.range(0, 5).mapToObj(i -> "f" + i).toList();
        GradientBoostedTrees model = GradientBoostedTrees.train(names, x, y, GradientBoostedTrees.Settings.defaults().withTrees(80));
        assertThat(model.compiled()).as("scored from the flat layout, not through Smile").isTrue();
        for (int i = 0; i < 1_000; i++) {
            double[] probe = x[random.nextInt(n)].clone();
            if (i % 4 == 0) {
                probe[random.nextInt(5)] = x[random.nextInt(n)][0]; // values on split thresholds' neighbourhoods too
            }
            assertThat(Double.doubleToLongBits(model.score(probe))).isEqualTo(Double.doubleToLongBits(model.smileScore(probe)));
            double[] smile = model.smileContributions(probe);
            double[] flat = model.contributions(probe);
            assertThat(flat).hasSize(5);
            for (int f = 0; f < 5; f++) {
                assertThat(flat[f]).as("feature %d of probe %d", f, i).isCloseTo(smile[f], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(smile[f]))));
            }
        }
    }

    @Test
    void contributionsPointAtTheFeaturesThatRaiseFraud() {
        // fraud when a is high and c is low; b is noise
        Random random = new Random(11);
        int n = 2_000;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = x[i][0] - x[i][2] + 0.2 * random.nextGaussian() > 0 ? 1 : 0;
        }
        GradientBoostedTrees model = GradientBoostedTrees.train(List.of("a", "b", "c"), x, y, GradientBoostedTrees.Settings.defaults().withTrees(30));
        double[] phi = model.contributions(new double[] {1.5, 0.1, -1.2});
        assertThat(phi[0]).as("a high a pushes up").isPositive();
        assertThat(phi[2]).as("a low c pushes up").isPositive();
        assertThat(Math.abs(phi[1])).as("the noise feature says little").isLessThan(Math.min(phi[0], phi[2]) / 3);
        double[] innocent = model.contributions(new double[] {-1.5, 0.1, 1.2});
        assertThat(innocent[0]).isNegative();
        assertThat(innocent[2]).isNegative();
    }
}
