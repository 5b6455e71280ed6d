package io.leaderlens.models;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.util.Random;

/** A small model with a known rule, for tests: fraud when device_accounts_1h (feature 3) is above 0.7. */
public final class TestModels {
    private TestModels() {}

    public static GradientBoostedTrees deviceRule() {
        Random random = new Random(1);
        int n = 400;
        double[][] x = new double[n][FraudFeatures.NAMES.size()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < x[i].length; f++) {
                x[i][f] = random.nextDouble();
            }
            y[i] = x[i][3] > 0.7 ? 1 : 0;
        }
        return GradientBoostedTrees.train(FraudFeatures.NAMES, x, y, GradientBoostedTrees.Settings.defaults().withTrees(20));
    }
}
