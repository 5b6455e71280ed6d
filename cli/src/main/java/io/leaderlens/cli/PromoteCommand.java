package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        publish(config, subject, registryPath, entry.version(), newThreshold, by, reason);
        Log.info("published " + entry.versionName() + " at threshold " + newThreshold + " to " + config.get("topics.model-updates"));
        return 0;
    }

    /** The update the running scoring job applies: {@code {subject, registry, version, threshold, changed_by, reason, changed_at}}. */
    public static void publish(LeaderlensConfig config, String subject, Path registry, int version, double threshold, String by,
                               String reason) throws Exception {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("subject", subject);
        update.put("registry", registry.toString());
        update.put("version", version);
        update.put("threshold", threshold);
        update.put("changed_by", by);
        update.put("reason", reason);
        update.put("changed_at", System.currentTimeMillis());
        CliContext.publishJson(config, config.get("topics.model-updates"), subject, update);
    }
}
