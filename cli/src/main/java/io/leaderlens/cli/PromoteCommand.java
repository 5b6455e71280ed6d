package io.leaderlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.registry.ModelRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("subject", subject);
        update.put("registry", registryPath.toString());
        update.put("version", entry.version());
        update.put("threshold", threshold != null ? threshold : entry.threshold());
        update.put("changed_by", by);
        update.put("reason", reason);
        update.put("changed_at", System.currentTimeMillis());
        Properties props = new Properties();
        props.put("bootstrap.servers", config.get("kafka.bootstrap-servers"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.get("topics.model-updates"), subject.getBytes(StandardCharsets.UTF_8),
                    new ObjectMapper().writeValueAsBytes(update))).get();
        }
        Log.info("published " + entry.versionName() + " at threshold " + update.get("threshold") + " to " + config.get("topics.model-updates"));
        return 0;
    }
}
