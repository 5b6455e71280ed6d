package io.leaderlens.cli;

import io.leaderlens.console.ProgressBar;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.report.TrainingReport;
import io.leaderlens.models.smile.GradientBoostedTrees;
import io.leaderlens.models.training.FraudTraining;
import io.leaderlens.models.training.LabelledHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the fraud models (fake orders, fake members) from labelled history, with a time-based split; "
                + "write a report with ROC/PR curves and save versioned models to the registry.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "directory with events.jsonl and labels.jsonl (./leaderlens simulate --out file:DIR)")
    Path in;

    @Option(names = "--registry", description = "model registry directory (default ${DEFAULT-VALUE})")
    Path registry = Path.of("models/registry");

    @Option(names = "--report", description = "report directory (default: <registry>/reports/<time>)")
    Path report;

    @Option(names = "--train-share", description = "share of the time range to train on; the rest is held out (default ${DEFAULT-VALUE})")
    double trainShare = 0.7;

    @Option(names = "--trees", description = "boosted trees per model (default ${DEFAULT-VALUE})")
    int trees = 150;

    @Option(names = "--no-catalog", description = "only save the artefact files; do not record the versions in Iceberg model_registry "
            + "(which needs the stack: ./leaderlens up)")
    boolean noCatalog;

    @Mixin
    CliContext context;

    @Override
    public Integer call() throws Exception {
        if (trainShare <= 0 || trainShare >= 1) {
            throw new IllegalArgumentException("--train-share must be between 0 and 1, got " + trainShare);
        }
        LeaderlensConfig config = noCatalog ? null : context.config(); // before hours of training: is the catalog there?
        FraudTraining training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(trees));
        ModelRegistry models = new ModelRegistry(registry);
        List<FraudTraining.Trained> trained = new ArrayList<>();
        List<ModelRegistry.Entry> saved = new ArrayList<>();
        LabelledHistory history;
        try (ProgressBar progress = new ProgressBar("train", 3, System.err)) {
            history = LabelledHistory.read(in);
            progress.step(1);
            for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
                FraudTraining.Trained t = training.train(history, subject, trainShare);
                trained.add(t);
                saved.add(models.save(subject, t.model().model(), t.anomaly(), t.model().threshold(), metrics(t), dataRange(history, t)));
                progress.step(1);
            }
        }
        if (config != null) {
            ModelRegistryTable.record(config, saved);
        }
        Path reportDir = report != null ? report : registry.resolve("reports").resolve(Instant.now().toString().replace(':', '-'));
        Path written = TrainingReport.write(reportDir, in, trained, saved);
        for (int i = 0; i < trained.size(); i++) {
            FraudTraining.Evaluation e = trained.get(i).holdout();
            Log.info(String.format(java.util.Locale.ROOT, "%s: held-out AUC %.4f, AP %.4f, precision %.3f, recall %.3f at threshold %.3f;"
                    + " unsupervised anomaly score alone: AUC %.4f, AP %.4f",
                    saved.get(i).versionName(), e.auc(), e.averagePrecision(), e.atThreshold().precision(), e.atThreshold().recall(),
                    trained.get(i).model().threshold(), trained.get(i).anomalyHoldout().auc(), trained.get(i).anomalyHoldout().averagePrecision()));
        }
        Log.info("report: " + written + " (and report.html, ROC/PR PNGs beside it); models in " + registry);
        return 0;
    }

    private static Map<String, Object> metrics(FraudTraining.Trained t) {
        FraudTraining.Evaluation e = t.holdout();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", e.auc());
        m.put("average_precision", e.averagePrecision());
        m.put("precision_at_threshold", e.atThreshold().precision());
        m.put("recall_at_threshold", e.atThreshold().recall());
        Map<String, Object> byScenario = new LinkedHashMap<>();
        e.recallByScenario().forEach((s, c) -> byScenario.put(s, c[0] / c[1]));
        m.put("recall_by_scenario", byScenario);
        m.put("anomaly_auc", t.anomalyHoldout().auc());
        m.put("anomaly_average_precision", t.anomalyHoldout().averagePrecision());
        return m;
    }

    private static Map<String, Object> dataRange(LabelledHistory history, FraudTraining.Trained t) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("from", Instant.ofEpochMilli(history.firstEventTime()).toString());
        range.put("train_until", Instant.ofEpochMilli(t.splitTime()).toString());
        range.put("to", Instant.ofEpochMilli(history.lastEventTime()).toString());
        range.put("train_rows", t.trainRows());
        range.put("train_frauds", t.trainFrauds());
        return range;
    }
}
