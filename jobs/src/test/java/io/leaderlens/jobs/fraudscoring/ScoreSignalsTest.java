package io.leaderlens.jobs.fraudscoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model versions and thresholds change while the operator runs, and each change is recorded. */
class ScoreSignalsTest {
    @Test
    void swapsThresholdsAndVersionsWithoutRestartAndRejectsBrokenUpdates(@TempDir Path dir) throws Exception {
        ModelRegistry registry = new ModelRegistry(dir);
        registry.save(FeatureRow.ORDER, model(3), 0.5, Map.of(), Map.of());   // v1: fraud when feature 3 is high
        registry.save(FeatureRow.ORDER, model(5), 0.5, Map.of(), Map.of());   // v2: fraud when feature 5 is high
        ModelUpdate v1 = new ModelUpdate(FeatureRow.ORDER, dir.toString(), 1, 0.5, "ci", "initial", 1);
        double[] values = new double[FraudFeatures.NAMES.size()];
        values[3] = 0.95; // high for v1, irrelevant for v2
        FraudSignal signal = new FraudSignal(new FeatureRow(FeatureRow.ORDER, "o1", "e1", "L1", "u1", 10, values, 0), null, "L1", "e1", 10);

        var operator = new CoBroadcastWithNonKeyedOperator<>(new ScoreSignals(List.of(v1)), List.of(ScoreSignals.CURRENT_MODELS));
        try (var harness = new TwoInputStreamOperatorTestHarness<FraudSignal, ModelUpdate, FraudScore>(operator)) {
            harness.open();
            harness.processElement1(new StreamRecord<>(signal, 10));
            harness.processElement2(new StreamRecord<>(new ModelUpdate(FeatureRow.ORDER, dir.toString(), 1, 0.9999, "analyst-7", "fewer pages", 2), 2));
            harness.processElement1(new StreamRecord<>(signal, 11));
            harness.processElement2(new StreamRecord<>(new ModelUpdate(FeatureRow.ORDER, dir.toString(), 2, 0.5, "analyst-7", "new model", 3), 3));
            harness.processElement1(new StreamRecord<>(signal, 12));
            harness.processElement2(new StreamRecord<>(new ModelUpdate(FeatureRow.ORDER, dir.toString(), 9, 0.5, "analyst-8", "typo", 4), 4));
            harness.processElement1(new StreamRecord<>(signal, 13));

            List<FraudScore> scores = harness.extractOutputValues();
            assertThat(scores).extracting(FraudScore::modelVersion).containsExactly("order-v1", "order-v1", "order-v2", "order-v2");
            assertThat(scores).extracting(FraudScore::flagged).containsExactly(true, false, false, false);
            assertThat(scores.get(1).threshold()).isEqualTo(0.9999);
            var changes = harness.getSideOutput(ScoreSignals.MODEL_CHANGES).stream().map(StreamRecord::getValue).toList();
            assertThat(changes).extracting(ModelUpdate::changedBy).containsExactly("analyst-7", "analyst-7", "analyst-8");
            assertThat(changes.get(2).reason()).startsWith("REJECTED").endsWith("typo");
        }
    }

    private static GradientBoostedTrees model(int feature) {
        Random random = new Random(feature);
        double[][] x = new double[400][FraudFeatures.NAMES.size()];
        int[] y = new int[400];
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < x[i].length; f++) {
                x[i][f] = random.nextDouble() * 0.6;
            }
            y[i] = random.nextInt(4) == 0 ? 1 : 0;
            if (y[i] == 1) {
                x[i][feature] = 0.9 + random.nextDouble() * 0.1;
            }
        }
        return GradientBoostedTrees.train(FraudFeatures.NAMES, x, y, GradientBoostedTrees.Settings.defaults().withTrees(30));
    }
}
