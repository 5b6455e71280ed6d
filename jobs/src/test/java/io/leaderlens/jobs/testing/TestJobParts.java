package io.leaderlens.jobs.testing;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.jobs.fraudscoring.ModelUpdate;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.smile.GradientBoostedTrees;
import io.leaderlens.models.training.AlertBudget;
import io.leaderlens.models.training.FraudTraining;
import io.leaderlens.models.training.LabelledHistory;
import io.leaderlens.simulator.JsonLinesWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Parts the whole-job tests wire around a job: a one-item source, a discarding output, small fraud models. */
public final class TestJobParts {
    private TestJobParts() {}

    public static <T> DataGeneratorSource<T> one(T item, Class<T> type) {
        GeneratorFunction<Long, T> only = i -> item;
        return new DataGeneratorSource<>(only, 1, JobTypes.of(type));
    }

    public static <T> StreamOutput<T> discard() {
        return stream -> stream.sinkTo(new DiscardingSink<>()).name("discard");
    }

    /**
     * Order and member models trained on another world, saved in {@code dir/registry}: for tests that need the
     * scoring to run, not good scores.
     */
    public static List<ModelUpdate> smallModels(Path dir, SimulationOptions world, int trees) throws Exception {
        Path trainDir = dir.resolve("train");
        try (JsonLinesWriter w = new JsonLinesWriter(trainDir)) {
            new Simulator(world).run(w, n -> {});
        }
        LabelledHistory history = LabelledHistory.read(trainDir);
        FraudTraining training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(trees),
                AlertBudget.from(LeaderlensConfig.load(Path.of("../conf/leaderlens.properties"), "local", Map.of())));
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        List<ModelUpdate> initial = new ArrayList<>();
        for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
            FraudTraining.Trained t = training.train(history, subject, 0.7);
            ModelRegistry.Entry e = registry.save(subject, t.model().model(), t.anomaly(), t.model().threshold(), Map.of(), Map.of());
            initial.add(new ModelUpdate(subject, dir.resolve("registry").toString(), e.version(), e.threshold(), "test", "initial", 0));
        }
        return initial;
    }
}
