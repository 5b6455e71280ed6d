package io.leaderlens.cli;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.training.FraudTraining;
import io.leaderlens.models.training.LabelledHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure the registry's current fraud models on labelled history they were not trained on "
                + "(e.g. another simulator seed): AUC, average precision, precision/recall at the alert threshold, recall per scenario."
                + " Lines that are not valid events or labels (the jobs' validator) are set aside into <file>.rejected.jsonl with their reasons; the run goes on.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "directory with events.jsonl and labels.jsonl")
    Path in;

    @Option(names = "--registry", description = "model registry directory (default ${DEFAULT-VALUE})")
    Path registry = Path.of("models/registry");

    @Override
    public Integer call() throws Exception {
        ModelRegistry models = new ModelRegistry(registry);
        LabelledHistory history = LabelledHistory.read(in);
        history.setAsideNote().ifPresent(Log::info);
        for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
            ModelRegistry.Entry entry = models.latest(subject);
            FraudTraining.Evaluation e = FraudTraining.evaluate(history,
                    new FraudTraining.SubjectModel(subject, entry.model(), entry.threshold()));
            System.out.printf(Locale.ROOT, "%s: %,d %ss, %,d fraudulent; AUC %.4f, AP %.4f; at threshold %.3f: precision %.3f, recall %.3f (%,d alerts)%n",
                    entry.versionName(), e.subjects(), subject, e.frauds(), e.auc(), e.averagePrecision(), entry.threshold(),
                    e.atThreshold().precision(), e.atThreshold().recall(), e.atThreshold().flagged());
            e.recallByScenario().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(s -> System.out.printf(Locale.ROOT,
                    "  %-22s recall %.3f (%d of %d)%n", s.getKey(), s.getValue()[0] / s.getValue()[1], (long) s.getValue()[0],
                    (long) s.getValue()[1]));
        }
        return 0;
    }
}
