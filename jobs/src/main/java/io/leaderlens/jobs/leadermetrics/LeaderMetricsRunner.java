package io.leaderlens.jobs.leadermetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.common.RawRecordDeserializer;
import io.leaderlens.jobs.io.IcebergOutput;
import io.leaderlens.jobs.io.KafkaJsonOutput;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.metrics.LeaderboardEntry;
import io.leaderlens.tables.LeaderlensTables;
import io.leaderlens.tables.IcebergCatalogs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/** Wires the leader metrics job to Kafka and Iceberg from the configuration, and runs it. */
public final class LeaderMetricsRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderlensConfig config;

    public LeaderMetricsRunner(LeaderlensConfig config) {
        this.config = config;
    }

    public LeaderMetricsJob.Settings settings() {
        return new LeaderMetricsJob.Settings(config.getZone("timezone"), config.getDuration("job.out-of-orderness"),
                config.getDuration("job.idleness"), config.getDuration("job.dedup-retention"),
                config.getInt("job.leaderboard-size"));
    }

    /**
     * Runs the job. {@code bounded}: read what is in the topics now and stop (demo, backfill, tests);
     * otherwise follow the topics until cancelled.
     */
    public JobExecutionResult run(StreamExecutionEnvironment env, boolean bounded) throws Exception {
        return run(env, bounded, null);
    }

    /** As {@link #run(StreamExecutionEnvironment, boolean)}, starting at given offsets instead of the committed ones. */
    public JobExecutionResult run(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets)
            throws Exception {
        build(env, bounded, startOffsets);
        return env.execute("leader-metrics");
    }

    /** Builds the job on the environment without running it (for callers that run it asynchronously). */
    public void build(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets) {
        configure(env);
        LeaderlensTables tables = new LeaderlensTables(config.getZone("timezone"));
        CatalogLoader catalog = IcebergCatalogs.loader(config);
        IcebergCatalogs.createMissingTables(config, tables);
        new LeaderMetricsJob(kafkaSource(bounded, startOffsets), settings(), outputs(tables, catalog)).build(env);
    }

    /** The topics the job reads: orders, group buys, referrals. */
    public static List<String> eventTopics(LeaderlensConfig config) {
        return List.of(config.get("topics.orders"), config.get("topics.group-buys"), config.get("topics.referrals"));
    }

    /** A MiniCluster in this JVM under the local profile, the submitting cluster otherwise. */
    public StreamExecutionEnvironment environment() {
        return environment(new Configuration());
    }

    /** The same, with Flink settings of the caller's on top (the bench adds a metric reporter). */
    public StreamExecutionEnvironment environment(Configuration overrides) {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofSeconds(5));
        // state outgrows the JobManager's in-memory checkpoint storage (a few MB) quickly: checkpoints go to files
        flink.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory());
        stateBackend(config.get("job.state-backend"), flink);
        // Hadoop's shutdown hook touches the job's class loader after the job ends; harmless, but noisy
        flink.set(org.apache.flink.configuration.CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        flink.addAll(overrides);
        if ("local".equals(config.profile())) {
            return StreamExecutionEnvironment.createLocalEnvironment(config.getInt("job.parallelism"), flink);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(config.getInt("job.parallelism"));
        return env;
    }

    /** hashmap: state on the heap; rocksdb: state on local disk, checkpointed incrementally. */
    static void stateBackend(String backend, Configuration flink) {
        switch (backend) {
            case "hashmap" -> flink.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, "hashmap");
            case "rocksdb" -> {
                flink.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, "rocksdb");
                flink.set(org.apache.flink.configuration.CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
            default -> throw new IllegalArgumentException("job.state-backend must be hashmap or rocksdb, not '" + backend + "'");
        }
    }

    /** {@code job.checkpoint-dir}, or {@code <stack.data-dir>/checkpoints} when unset. */
    String checkpointDirectory() {
        return config.find("job.checkpoint-dir").orElseGet(() ->
                java.nio.file.Path.of(config.get("stack.data-dir")).resolve("checkpoints").toAbsolutePath().toUri().toString());
    }

    /** What every leaderlens job needs on its environment: typed serializers only (no Kryo) and exactly-once checkpoints. */
    public void configure(StreamExecutionEnvironment env) {
        JobTypes.configure(env);
        env.enableCheckpointing(config.getDuration("job.checkpoint-interval").toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }

    public KafkaSource<RawRecord> kafkaSource(boolean bounded, Map<TopicPartition, Long> startOffsets) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.get("kafka.bootstrap-servers"))
                .setTopics(eventTopics(config))
                .setGroupId(config.get("job.consumer-group"))
                .setStartingOffsets(startOffsets == null
                        ? OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)
                        : OffsetsInitializer.offsets(startOffsets))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private LeaderMetricsJob.Outputs outputs(LeaderlensTables tables, CatalogLoader catalog) {
        StreamOutput<PlatformEvent> raw = stream -> {
            for (EventKind kind : EventKind.values()) {
                new IcebergOutput<>(catalog, tables.rawEvents(kind)).attach(
                        stream.filter(e -> e.kind() == kind).name("only-" + kind.name().toLowerCase()).uid("only-" + kind.name()));
            }
        };
        return new LeaderMetricsJob.Outputs(
                new IcebergOutput<>(catalog, tables.leaderMetricsMinute()),
                new IcebergOutput<>(catalog, tables.leaderMetricsDaily()),
                new IcebergOutput<>(catalog, tables.leaderboardHourly()),
                new IcebergOutput<>(catalog, tables.leaderboardDaily()),
                new KafkaJsonOutput<>(config.get("kafka.bootstrap-servers"), config.get("topics.leaderboard-updates"),
                        "leaderlens-leaderboard", new LeaderboardJson()),
                raw,
                new IcebergOutput<>(catalog, tables.deadLetters()),
                new IcebergOutput<>(catalog, tables.lateEvents()));
    }

    /** Leaderboard updates on Kafka: keyed by city, one JSON object per ranked row. */
    static final class LeaderboardJson implements KafkaJsonOutput.JsonRenderer<LeaderboardEntry> {
        @Override
        public String key(LeaderboardEntry e) {
            return e.city();
        }

        @Override
        public String json(LeaderboardEntry e) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("city", e.city());
            row.put("day", e.day().toString());
            row.put("period_start", e.periodStart());
            row.put("period_end", e.periodEnd());
            row.put("period", e.periodEnd() - e.periodStart() > 3_600_000L ? "DAY" : "HOUR");
            row.put("rank", e.rank());
            row.put("leader_id", e.leaderId());
            row.put("net_gmv_cents", e.netGmvCents());
            row.put("orders", e.orders());
            row.put("buyers", e.buyers());
            try {
                return JSON.writeValueAsString(row);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

}
