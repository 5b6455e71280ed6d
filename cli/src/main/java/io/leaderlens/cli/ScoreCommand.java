package io.leaderlens.cli;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.scoring.OfflineScoring;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a file of events with the registry's current fraud models (same features as the live job): "
                + "one CSV row per paid order and per member moment, for backtests and audits."
                + " Lines that are not valid events or labels (the jobs' validator) are set aside into <file>.rejected.jsonl with their reasons; the run goes on.")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "events.jsonl, or a directory holding it")
    Path in;

    @Option(names = "--out", required = true, description = "CSV to write")
    Path out;

    @Option(names = "--registry", description = "model registry directory (default ${DEFAULT-VALUE})")
    Path registry = Path.of("models/registry");

    @Override
    public Integer call() throws Exception {
        ModelRegistry models = new ModelRegistry(registry);
        OfflineScoring.Summary summary = new OfflineScoring(models.latest(FeatureRow.ORDER), models.latest(FeatureRow.MEMBER))
                .score(in, out);
        summary.setAside().ifPresent(Log::info);
        Log.info("scored " + summary.rows() + " moments with " + summary.orderModel() + " and " + summary.memberModel() + "; "
                + summary.alerts() + " above their alert threshold; written to " + out);
        return 0;
    }
}
