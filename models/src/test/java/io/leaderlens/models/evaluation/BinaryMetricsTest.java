package io.leaderlens.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333...
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void aucAndAveragePrecisionMatchWorkedExamples() {
        assertThat(BinaryMetrics.auc(SCORES, LABELS)).isCloseTo(0.75, within(1e-12));
        // thresholds 0.8: P=1, R=.5; 0.4: P=.5, R=.5; 0.35: P=2/3, R=1 -> .5*1 + 0 + .5*2/3
        assertThat(BinaryMetrics.averagePrecision(SCORES, LABELS)).isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-12));
    }

    @Test
    void tiedScoresCountHalfInAuc() {
        assertThat(BinaryMetrics.auc(new double[] {0.5, 0.5}, new int[] {0, 1})).isEqualTo(0.5);
        assertThat(BinaryMetrics.auc(new double[] {0.2, 0.9, 0.9}, new int[] {0, 1, 0})).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void precisionAndRecallAtAThreshold() {
        BinaryMetrics.AtThreshold at = BinaryMetrics.atThreshold(SCORES, LABELS, 0.35);
        assertThat(at.flagged()).isEqualTo(3);
        assertThat(at.precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(at.recall()).isEqualTo(1.0);
    }
}
