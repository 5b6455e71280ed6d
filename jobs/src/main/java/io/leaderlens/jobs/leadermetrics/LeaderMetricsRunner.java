package io.leaderlens.jobs.leadermetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.io.IcebergOutput;
import io.leaderlens.jobs.io.KafkaJsonOutput;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.metrics.LeaderboardEntry;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.tables.TableSet;
import io.leaderlens.tables.IcebergCatalogs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.common.TopicPartition;

/** Wires the leader metrics job to Kafka and Iceberg from the configuration, and runs it. */
public final class LeaderMetricsRunner {
    public static final String JOB_NAME = "leader-metrics";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderlensConfig config;
    private final JobRuntime runtime;

    public LeaderMetricsRunner(LeaderlensConfig config) {
        this.config = config;
        this.runtime = new JobRuntime(config);
    }

    public LeaderMetricsJob.Settings settings() {
        return new LeaderMetricsJob.Settings(config.getZone("timezone"), config.getDuration("job.out-of-orderness"),
                config.getDuration("job.idleness"), config.getDuration("job.dedup-retention"),
                config.getInt("job.leaderboard-size"), runtime.pseudonyms());
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
        return env.execute(JOB_NAME);
    }

    /** Builds the job on the environment without running it (for callers that run it asynchronously). */
    public void build(StreamExecutionEnvironment env, boolean bounded, Map<TopicPartition, Long> startOffsets) {
        runtime.configure(env);
        InputTables input = new InputTables(config.getZone("timezone"));
        LeaderMetricsTables tables = new LeaderMetricsTables();
        CatalogLoader catalog = IcebergCatalogs.loader(config);
        IcebergCatalogs.createMissingTables(config, TableSet.of(input, tables));
        new LeaderMetricsJob(runtime.platformEvents(bounded, startOffsets), runtime.campaignEvents(bounded, startOffsets), settings(),
                outputs(input, tables, catalog)).build(env);
    }

    /** A MiniCluster in this JVM or the session cluster, as {@code job.target} says. */
    public StreamExecutionEnvironment environment() {
        return runtime.environment();
    }

    /** The same, with Flink settings of the caller's on top (the bench adds a metric reporter). */
    public StreamExecutionEnvironment environment(Configuration overrides) {
        return runtime.environment(overrides);
    }

    /** The raw-event tables, one per event kind, each fed by a filter chained to the stream (no shuffle). */
    public static StreamOutput<PlatformEvent> rawEvents(InputTables input, CatalogLoader catalog) {
        return stream -> {
            for (EventKind kind : EventKind.values()) {
                new IcebergOutput<>(catalog, input.rawEvents(kind)).attach(
                        stream.filter(e -> e.kind() == kind).name("only-" + kind.name().toLowerCase()).uid("only-" + kind.name()));
            }
        };
    }

    private LeaderMetricsJob.Outputs outputs(InputTables input, LeaderMetricsTables tables, CatalogLoader catalog) {
        return new LeaderMetricsJob.Outputs(
                new IcebergOutput<>(catalog, tables.leaderMetricsMinute()),
                new IcebergOutput<>(catalog, tables.leaderMetricsDaily()),
                new IcebergOutput<>(catalog, tables.leaderboardHourly()),
                new IcebergOutput<>(catalog, tables.leaderboardDaily()),
                new KafkaJsonOutput<>(config.get("kafka.bootstrap-servers"), config.get("topics.leaderboard-updates"),
                        "leaderlens-leaderboard", new LeaderboardJson()),
                rawEvents(input, catalog),
                new IcebergOutput<>(catalog, input.deadLetters()),
                new IcebergOutput<>(catalog, input.lateEvents()));
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
