package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.training.AlertBudget;
import io.leaderlens.models.report.TrainingReport;
import io.leaderlens.services.FraudModels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the fraud models (fake orders, fake members) from labelled history, split by subjects in time; "
                + "calibrate their scores and choose each alert threshold within the alert budget on the held-out subjects, refit on "
                + "all; write a report with ROC/PR/calibration curves, the budget and drift, and save versioned models to the registry."
                + " Lines that are not valid events or labels (the jobs' validator) are set aside into <file>.rejected.jsonl with their reasons; the run goes on.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "directory with events.jsonl and labels.jsonl (./leaderlens simulate --out file:DIR)")
    Path in;

    @Option(names = "--registry", description = "model registry directory (default ${DEFAULT-VALUE})")
    Path registry = Path.of("models/registry");

    @Option(names = "--report", description = "report directory (default: <registry>/reports/<time>)")
    Path report;

    @Option(names = "--train-share", description = "share of the labelled subjects (earliest first) to fit on before the split; the rest is "
            + "held out to measure, calibrate and choose the threshold within the alert budget (fraud.max-alert-rate, fraud.review-capacity), "
            + "then the model is fitted again on all of them (default ${DEFAULT-VALUE})")
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
        FraudModels.Trained trained = new FraudModels(new ModelRegistry(registry), AlertBudget.from(context.rawConfig()), recorder, Log::info).train(in, trainShare, trees);
        Path reportDir = report != null ? report : registry.resolve("reports").resolve(Instant.now().toString().replace(':', '-'));
        Path written = TrainingReport.write(reportDir, in, trained.models(), trained.saved());
        Log.info("report: " + written + " (and report.html, ROC/PR/calibration PNGs beside it); models in " + registry);
        return 0;
    }
}
