package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.services.DecisionPublisher;
import io.leaderlens.services.ModelPromotions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Switch the running fraud scoring job to a model version and/or alert threshold, without restarting it "
                + "(published on the model-updates topic; the job records who, when and why in model_changes).")
public final class PromoteCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--subject", required = true, description = "order or member")
    String subject;

    @Option(names = "--version", description = "registry version (default: the newest)")
    Integer version;

    @Option(names = "--threshold", description = "alert threshold (default: the one saved with the model)")
    Double threshold;

    @Option(names = "--by", description = "who makes the change (default: $USER)")
    String by = System.getenv().getOrDefault("USER", "unknown");

    @Option(names = "--reason", required = true, description = "why, in words")
    String reason;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        Path registryPath = Path.of(config.get("fraud.registry")).toAbsolutePath();
        ModelRegistry registry = new ModelRegistry(registryPath);
        ModelRegistry.Entry entry = version == null ? registry.latest(subject) : registry.load(subject, version);
        double newThreshold = threshold != null ? threshold : entry.threshold();
        try (DecisionPublisher publisher = DecisionPublisher.to(config.get("kafka.bootstrap-servers"))) {
            ModelPromotions promotions = new ModelPromotions(publisher, config.get("topics.model-updates"));
            promotions.promote(subject, registryPath, entry.version(), newThreshold, by, reason);
            Log.info("published " + entry.versionName() + " at threshold " + newThreshold + " to " + promotions.topic());
        }
        return 0;
    }
}
