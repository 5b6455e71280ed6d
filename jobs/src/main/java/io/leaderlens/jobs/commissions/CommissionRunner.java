package io.leaderlens.jobs.commissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.io.IcebergOutput;
import io.leaderlens.jobs.io.KafkaJsonOutput;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.tables.TableSet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.common.TopicPartition;

/** Wires the commission job to Kafka (events, fraud alerts, verdicts; the rate feed) and Iceberg from the configuration. */
public final class CommissionRunner {
    public static final String JOB_NAME = "commissions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderlensConfig config;
    private final JobRuntime runtime;

    public CommissionRunner(LeaderlensConfig config) {
        this.config = config.with("job.consumer-group", config.get("commissions.consumer-group"));
        this.runtime = new JobRuntime(this.config);
    }

    public StreamExecutionEnvironment environment() {
        return runtime.environment();
    }

    /** The same, with Flink settings of the caller's on top. */
    public StreamExecutionEnvironment environment(org.apache.flink.configuration.Configuration overrides) {
        return runtime.environment(overrides);
    }

    /** The rate card and settings from the configuration; an invalid card stops here, before anything runs. */
    public CommissionSettings settings() throws IOException {
        return new CommissionSettings(new RateCalculator(RateCardParser.read(Path.of(config.get("commissions.rate-card")))),
                config.getDuration("commissions.protection-window"), new BigDecimal(config.get("commissions.rate-step")));
    }

    /**
     * Where a drained live run stops crediting: {@code commissions.as-of} (an ISO instant) when set, otherwise now.
     */
    public static long asOf(LeaderlensConfig config) {
        return config.find("commissions.as-of").filter(v -> !v.isBlank()).map(v -> {
            try {
                return java.time.Instant.parse(v.trim()).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("commissions.as-of must be an ISO instant such as 2026-11-30T00:00:00Z, got '" + v + "'");
            }
        }).orElseGet(System::currentTimeMillis);
    }

    /** The topics the job reads besides the events: fraud alerts and verdicts. */
    public static List<String> controlTopics(LeaderlensConfig config) {
        return List.of(config.get("topics.fraud-alerts"), config.get("topics.alert-resolutions"));
    }

    public JobExecutionResult run(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets, long asOf)
            throws Exception {
        build(env, bounded, startOffsets, asOf);
        return env.execute(JOB_NAME);
    }

    /**
     * @param startOffsets where to start every topic read (events, fraud alerts, verdicts); null: the committed
     *                     offsets of the consumer group, from the beginning for a new group
     * @param asOf         bounded runs: refund windows ending after this are not credited when the input ends
     */
    public void build(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets, long asOf)
            throws IOException {
        runtime.configure(env);
        CommissionTables tables = new CommissionTables(config.getZone("timezone"));
        InputTables input = new InputTables(config.getZone("timezone"));
        CatalogLoader catalog = IcebergCatalogs.loader(config);
        IcebergCatalogs.createMissingTables(config, TableSet.of(tables, input));
        Map<TopicPartition, Long> eventOffsets = startOffsets == null ? null : only(startOffsets, JobRuntime.eventTopics(config));
        IcebergOutput<PublishedRate> rateHistory = new IcebergOutput<>(catalog, tables.commissionRateChanges());
        KafkaJsonOutput<PublishedRate> rateFeed = new KafkaJsonOutput<>(config.get("kafka.bootstrap-servers"),
                config.get("topics.commission-rates"), "leaderlens-commission-rates", new RateJson());
        new CommissionJob(runtime.platformEvents(bounded, eventOffsets),
                controlSource(config.get("topics.fraud-alerts"), "-alerts", bounded, startOffsets),
                controlSource(config.get("topics.alert-resolutions"), "-verdicts", bounded, startOffsets),
                new CommissionJob.Settings(settings(), config.getDuration("job.out-of-orderness"), config.getDuration("job.idleness"),
                        config.getDuration("job.dedup-retention"), asOf, runtime.pseudonyms()),
                new CommissionJob.Outputs(
                        new IcebergOutput<>(catalog, tables.commissionLedger()),
                        stream -> {
                            rateHistory.attach(stream);
                            rateFeed.attach(stream);
                        },
                        // the leader metrics job reads the same topics and records their dead letters once
                        stream -> stream.sinkTo(new DiscardingSink<>()).name("undecodable-recorded-by-leader-metrics"),
                        new IcebergOutput<>(catalog, input.deadLetters()))).build(env);
    }

    /** A control topic's raw records (decoded in the job, where an unreadable one becomes a dead letter). */
    private KafkaSource<RawRecord> controlSource(String topic, String groupSuffix, boolean bounded, Map<TopicPartition, Long> startOffsets) {
        return runtime.rawRecords(List.of(topic), config.get("commissions.consumer-group") + groupSuffix, bounded,
                startOffsets == null ? null : only(startOffsets, List.of(topic)));
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> offsets, List<String> topics) {
        return offsets.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The commission service's feed: key {@code leader|category}, the rate with its components and reasons. */
    static final class RateJson implements KafkaJsonOutput.JsonRenderer<PublishedRate> {
        @Override
        public String key(PublishedRate r) {
            return r.key();
        }

        @Override
        public String json(PublishedRate p) {
            var r = p.rate();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("leader_id", r.leaderId());
            row.put("category", r.category());
            row.put("rate", r.rate().toPlainString());
            row.put("valid_from", Instant.ofEpochMilli(p.validFrom()).toString());
            row.put("base_rate", r.baseRate().toPlainString());
            row.put("level", r.level());
            row.put("level_multiplier", r.levelMultiplier().toPlainString());
            row.put("performance_factor", r.performanceFactor().toPlainString());
            row.put("risk_factor", r.riskFactor().toPlainString());
            row.put("rate_card_version", r.rateCardVersion());
            row.put("reason_codes", r.reasonCodes());
            row.put("reasons", r.reasons().stream().map(x -> x.words()).toList());
            try {
                return JSON.writeValueAsString(row);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
