package io.leaderlens.models.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattCalibrationTest {
    @Test
    void recoversTheLinkThatGeneratedTheLabels() {
        // an over-confident model: the true fraud probability is sigmoid(0.5 * logit(s) - 1)
        Random random = new Random(42);
        int n = 40_000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            double truth = 1 / (1 + Math.exp(-(0.5 * PlattCalibration.logit(scores[i]) - 1)));
            labels[i] = random.nextDouble() < truth ? 1 : 0;
        }
        PlattCalibration fit = PlattCalibration.fit(scores, labels);
        assertThat(fit.a()).isCloseTo(0.5, within(0.05));
        assertThat(fit.b()).isCloseTo(-1.0, within(0.05));
        // and the calibrated probability of a score band matches the share of frauds in it
        int inBand = 0;
        int fraudsInBand = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] > 0.8 && scores[i] < 0.9) {
                inBand++;
                fraudsInBand += labels[i];
            }
        }
        assertThat(fit.apply(0.85)).isCloseTo((double) fraudsInBand / inBand, within(0.04));
    }

    @Test
    void keepsTheOrderOfScores() {
        PlattCalibration fit = PlattCalibration.fit(new double[] {0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 0.6, 0.4},
                new int[] {0, 0, 0, 1, 1, 1, 0, 1});
        assertThat(fit.a()).isPositive();
        double previous = -1;
        for (double s = 0; s <= 1; s += 0.01) {
            assertThat(fit.apply(s)).isGreaterThan(previous);
            previous = fit.apply(s);
        }
    }

    @Test
    void refusesWhatCannotBeCalibrated() {
        assertThatThrownBy(() -> PlattCalibration.fit(new double[] {0.1, 0.9}, new int[] {0, 0})).hasMessageContaining("needs frauds");
        assertThatThrownBy(() -> PlattCalibration.fit(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {1, 1, 0, 0}))
                .hasMessageContaining("rank frauds below");
        assertThat(PlattCalibration.IDENTITY.apply(0.3)).isCloseTo(0.3, within(1e-9));
    }
}
