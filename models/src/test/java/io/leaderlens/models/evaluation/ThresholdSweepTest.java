package io.leaderlens.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdSweepTest {
    @Test
    void cutsOnlyBetweenDistinctScoresFromTheHighestDown() {
        double[] scores = {0.2, 0.9, 0.5, 0.9, 0.5, 0.1};
        int[] labels = {0, 1, 1, 0, 0, 1};
        ThresholdSweep sweep = ThresholdSweep.of(scores, labels);
        assertThat(sweep.order()).containsExactly(1, 3, 2, 4, 0, 5);
        assertThat(sweep.positives()).isEqualTo(3);
        assertThat(sweep.cuts()).containsExactly(
                new ThresholdSweep.Cut(2, 1, 0.9, 0.5),
                new ThresholdSweep.Cut(4, 2, 0.5, 0.2),
                new ThresholdSweep.Cut(5, 2, 0.2, 0.1),
                new ThresholdSweep.Cut(6, 3, 0.1, Double.NaN));
    }

    @Test
    void eachCutCountsWhatItsThresholdFlags() {
        java.util.Random random = new java.util.Random(3);
        double[] scores = new double[500];
        int[] labels = new int[500];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(40) / 40.0;
            labels[i] = random.nextInt(4) == 0 ? 1 : 0;
        }
        for (ThresholdSweep.Cut cut : ThresholdSweep.of(scores, labels).cuts()) {
            long flagged = 0;
            long caught = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= cut.lowestFlagged()) {
                    flagged++;
                    caught += labels[i];
                }
            }
            assertThat(cut.flagged()).isEqualTo(flagged);
            assertThat(cut.caught()).isEqualTo(caught);
        }
    }

    @Test
    void scoresAndLabelsMustPair() {
        assertThatThrownBy(() -> ThresholdSweep.of(new double[2], new int[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
