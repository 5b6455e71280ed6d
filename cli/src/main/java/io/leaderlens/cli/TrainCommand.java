package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.report.TrainingReport;
import io.leaderlens.services.FraudModels;
import io.leaderlens.models.training.FraudTraining;
import java.nio.file.Path;
import java.time.Instant;
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
        FraudModels.Recorder recorder = config == null ? entries -> { } : entries -> ModelRegistryTable.record(config, entries);
        FraudModels.Trained trained = new FraudModels(new ModelRegistry(registry), recorder, Log::info).train(in, trainShare, trees);
        Path reportDir = report != null ? report : registry.resolve("reports").resolve(Instant.now().toString().replace(':', '-'));
        Path written = TrainingReport.write(reportDir, in, trained.models(), trained.saved());
        for (int i = 0; i < trained.models().size(); i++) {
            FraudTraining.Trained model = trained.models().get(i);
            FraudTraining.Evaluation e = model.holdout();
            Log.info(String.format(java.util.Locale.ROOT, "%s: held-out AUC %.4f, AP %.4f, precision %.3f, recall %.3f at threshold %.3f;"
                    + " unsupervised anomaly score alone: AUC %.4f, AP %.4f",
                    trained.saved().get(i).versionName(), e.auc(), e.averagePrecision(), e.atThreshold().precision(), e.atThreshold().recall(),
                    model.model().threshold(), model.anomalyHoldout().auc(), model.anomalyHoldout().averagePrecision()));
        }
        Log.info("report: " + written + " (and report.html, ROC/PR PNGs beside it); models in " + registry);
        return 0;
    }
}
