package io.leaderlens.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.TestModels;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @Test
    void savesVersionsAndLoadsTheLatestWithTheSameScores(@TempDir Path root) throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        GradientBoostedTrees model = TestModels.deviceRule();
        registry.save("order", model, 0.5, Map.of("auc", 0.9), Map.of());
        ModelRegistry.Entry second = registry.save("order", model, 0.6, Map.of("auc", 0.91), Map.of());
        assertThat(second.version()).isEqualTo(2);
        ModelRegistry.Entry loaded = registry.latest("order");
        assertThat(loaded.versionName()).isEqualTo("order-v2");
        assertThat(loaded.threshold()).isEqualTo(0.6);
        double[] row = new double[FraudFeatures.NAMES.size()];
        row[3] = 0.95;
        assertThat(loaded.model().score(row)).isEqualTo(model.score(row)).isGreaterThan(0.5);
        row[3] = 0.1;
        assertThat(loaded.model().score(row)).isLessThan(0.5);
    }

    @Test
    void refusesAModelTrainedOnAnotherFeatureList(@TempDir Path root) throws Exception {
        ModelRegistry registry = new ModelRegistry(root);
        registry.save("member", TestModels.deviceRule(), 0.5, Map.of(), Map.of());
        Path json = root.resolve("member/v1/model.json");
        Files.writeString(json, Files.readString(json).replace(FraudFeatures.HASH, "0123"));
        assertThatThrownBy(() -> registry.latest("member")).hasMessageContaining("another feature list");
        assertThatThrownBy(() -> registry.latest("order")).hasMessageContaining("no order model");
    }
}
