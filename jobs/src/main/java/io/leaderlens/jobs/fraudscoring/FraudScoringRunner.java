package io.leaderlens.jobs.fraudscoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.jobs.fraudscoring.features.EarlyScoring;
import io.leaderlens.jobs.io.IcebergOutput;
import io.leaderlens.jobs.io.KafkaJsonOutput;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.tables.IcebergCatalogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Wires the fraud scoring job to Kafka, the model registry and Iceberg from the configuration, and runs it. */
public final class FraudScoringRunner {
    public static final String JOB_NAME = "fraud-scoring";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderlensConfig config;
    private final JobRuntime runtime;

    public FraudScoringRunner(LeaderlensConfig config) {
        this.config = config.with("job.consumer-group", config.get("fraud.consumer-group"));
        this.runtime = new JobRuntime(this.config);
    }

    public StreamExecutionEnvironment environment() {
        return runtime.environment();
    }

    /** The same, with Flink settings of the caller's on top. */
    public StreamExecutionEnvironment environment(org.apache.flink.configuration.Configuration overrides) {
        return runtime.environment(overrides);
    }

    /** The registry's newest order and member models with their saved thresholds. */
    public List<ModelUpdate> currentModels() throws IOException {
        Path registry = Path.of(config.get("fraud.registry"));
        ModelRegistry models = new ModelRegistry(registry);
        List<ModelUpdate> updates = new ArrayList<>();
        for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
            ModelRegistry.Entry entry = models.latest(subject);
            updates.add(new ModelUpdate(subject, registry.toAbsolutePath().toString(), entry.version(), entry.threshold(),
                    "registry", "newest version at job start", System.currentTimeMillis()));
        }
        return updates;
    }

    public JobExecutionResult run(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets) throws Exception {
        build(env, bounded, startOffsets);
        return env.execute(JOB_NAME);
    }

    public void build(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets) throws IOException {
        runtime.configure(env);
        FraudScoringTables tables = new FraudScoringTables(config.getZone("timezone"));
        CatalogLoader catalog = IcebergCatalogs.loader(config);
        IcebergCatalogs.createMissingTables(config, tables);
        StreamOutput<FraudScore> scores = stream -> {
            for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
                new IcebergOutput<>(catalog, tables.scores(subject)).attach(
                        stream.filter(s -> s.subject().equals(subject)).name("only-" + subject).uid("only-" + subject + "-scores"));
            }
        };
        KafkaJsonOutput<FraudAlert> alertTopic = new KafkaJsonOutput<>(config.get("kafka.bootstrap-servers"),
                config.get("topics.fraud-alerts"), "leaderlens-fraud-alerts", new AlertJson());
        // the same records, visible at once instead of at the checkpoint (for paging; the exactly-once topic stays the
        // record the commission job holds on)
        KafkaJsonOutput<FraudAlert> earlyWarnings = KafkaJsonOutput.atLeastOnce(config.get("kafka.bootstrap-servers"),
                config.get("topics.fraud-alerts-early"), new AlertJson());
        IcebergOutput<FraudAlert> closedAlerts = new IcebergOutput<>(catalog, tables.fraudAlerts());
        IcebergOutput<FraudAlert> alertChanges = new IcebergOutput<>(catalog, tables.fraudAlertChanges());
        StreamOutput<FraudAlert> alerts = stream -> {
            alertTopic.attach(stream);
            earlyWarnings.attach(stream);
            alertChanges.attach(stream);
            closedAlerts.attach(stream.filter(FraudAlert::closed).name("closed-alerts").uid("fraud-closed-alerts"));
        };
        Duration outOfOrderness = config.getDuration("job.out-of-orderness");
        // an event older than the watermark's bound is not live, whatever the horizon says
        Duration liveWithin = Collections.min(List.of(config.getDuration("fraud.live-within"), outOfOrderness));
        var early = config.getBoolean("fraud.early-scoring")
                ? new EarlyScoring(config.getDuration("fraud.reorder-wait"), liveWithin)
                : null;
        var settings = new FraudScoringJob.Settings(config.getZone("timezone"), outOfOrderness, config.getDuration("job.idleness"),
                config.getDuration("job.dedup-retention"), currentModels(), runtime.pseudonyms(), early);
        new FraudScoringJob(runtime.platformEvents(bounded, startOffsets), modelUpdates(bounded), settings, new FraudScoringJob.Outputs(
                scores, alerts, new IcebergOutput<>(catalog, tables.modelChanges()),
                // the leader metrics job reads the same topics and records their dead letters once
                stream -> stream.sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()).name("dead-letters-recorded-by-leader-metrics"),
                stream -> stream.sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()).name("signals-not-kept"))).build(env);
    }

    /** Model and threshold changes from the {@code model-updates} topic, as JSON objects. */
    private KafkaSource<ModelUpdate> modelUpdates(boolean bounded) {
        KafkaSourceBuilder<ModelUpdate> builder = KafkaSource.<ModelUpdate>builder()
                .setBootstrapServers(config.get("kafka.bootstrap-servers"))
                .setTopics(config.get("topics.model-updates"))
                .setGroupId(config.get("fraud.consumer-group") + "-model-updates")
                .setStartingOffsets(OffsetsInitializer.latest())
                .setDeserializer(new ModelUpdateJson());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Parses a model update; an unreadable one still arrives, marked so the job records it as rejected. */
    static final class ModelUpdateJson implements KafkaRecordDeserializationSchema<ModelUpdate> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelUpdate> out) {
            out.collect(parse(record.value() == null ? "" : new String(record.value(), java.nio.charset.StandardCharsets.UTF_8),
                    record.timestamp()));
        }

        static ModelUpdate parse(String text, long receivedAt) {
            try {
                JsonNode n = JSON.readTree(text);
                return new ModelUpdate(n.get("subject").asText(), n.get("registry").asText(), n.get("version").asInt(),
                        n.get("threshold").asDouble(), n.path("changed_by").asText("unknown"), n.path("reason").asText(""),
                        n.path("changed_at").asLong(receivedAt));
            } catch (Exception e) {
                return new ModelUpdate("invalid", "", 0, 1.0, "unknown", "not a model update: " + text, receivedAt);
            }
        }

        @Override
        public TypeInformation<ModelUpdate> getProducedType() {
            return JobTypes.of(ModelUpdate.class);
        }
    }

    /** Alert changes on Kafka: keyed by alert id (a compacted topic keeps each alert's latest state), one JSON object each. */
    static final class AlertJson implements KafkaJsonOutput.JsonRenderer<FraudAlert> {
        @Override
        public String key(FraudAlert alert) {
            return alert.alertId();
        }

        @Override
        public String json(FraudAlert a) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("alert_id", a.alertId());
            row.put("subject", a.ruleViolation() ? "leader" : "leader_activity");
            row.put("leader_id", a.leaderId());
            row.put("period_start", a.periodStart());
            row.put("period_end", a.periodEnd());
            row.put("status", a.status());
            row.put("revision", a.revision());
            row.put("opened_at", a.openedAt());
            row.put("effective_at", a.changedAt());
            row.put("flagged_events", a.count());
            row.put("subsidy_at_risk_cents", a.subsidyAtRiskCents());
            row.put("max_score", a.maxScore());
            row.put("model_version", a.modelVersion());
            row.put("reasons", a.reasons());
            row.put("action", a.action());
            row.put("previous_action", a.previousAction());
            row.put("previous_max_score", Double.isNaN(a.previousMaxScore()) ? null : a.previousMaxScore());
            row.put("subjects", a.subjects());
            try {
                return JSON.writeValueAsString(row);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
