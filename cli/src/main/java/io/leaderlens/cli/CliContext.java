package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.EventKind;
import io.leaderlens.stack.FlinkClusterArtifacts;
import io.leaderlens.stack.LocalFlinkCluster;
import io.leaderlens.stack.LocalStack;
import io.leaderlens.stack.StackArtifacts;
import io.leaderlens.stack.StackEndpoints;
import io.leaderlens.stack.StackPorts;
import io.leaderlens.stack.Trino;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares, and the configuration they resolve to. */
public final class CliContext {
    @Option(names = "--profile", description = "configuration profile: local (default) or cluster; env LEADERLENS_PROFILE")
    String profile = System.getenv().getOrDefault("LEADERLENS_PROFILE", "local");

    @Option(names = "--config", description = "configuration file (default: conf/leaderlens.properties)")
    Path configFile = Path.of(System.getenv().getOrDefault("LEADERLENS_CONFIG", "conf/leaderlens.properties"));

    @Option(names = "--target", description = "where jobs run: embedded (a MiniCluster in this JVM) or cluster (the Flink "
            + "session cluster of ./leaderlens cluster up, or flink.rest-address); default: job.target of the configuration")
    String target;

    LeaderlensConfig rawConfig() {
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("configuration file " + configFile.toAbsolutePath() + " not found (--config)");
        }
        LeaderlensConfig config = LeaderlensConfig.load(configFile, profile, System.getenv());
        return target == null ? config : config.with("job.target", target);
    }

    /** The configuration with empty endpoints filled from the running local stack (local profile). */
    LeaderlensConfig config() {
        LeaderlensConfig config = rawConfig();
        if (!"local".equals(profile)) {
            return config;
        }
        boolean needsStack = config.find("kafka.bootstrap-servers").isEmpty() || config.find("catalog.uri").isEmpty()
                || config.find("trino.jdbc-url").isEmpty();
        if (!needsStack) {
            return config;
        }
        LocalStack stack = localStack(config);
        if (!stack.isRunning("kafka") || !stack.isRunning("catalog") || !stack.isRunning("trino")) {
            throw new IllegalStateException("the local stack is not running (" + String.join("; ", stack.status())
                    + "): start it with ./leaderlens up, or set the endpoints in " + configFile);
        }
        return withEndpoints(config, StackEndpoints.readFrom(dataDir(config)));
    }

    static LeaderlensConfig withEndpoints(LeaderlensConfig config, StackEndpoints endpoints) {
        LeaderlensConfig out = config;
        if (config.find("kafka.bootstrap-servers").isEmpty()) {
            out = out.with("kafka.bootstrap-servers", endpoints.kafkaBootstrapServers());
        }
        if (config.find("catalog.uri").isEmpty()) {
            out = out.with("catalog.uri", endpoints.catalogUri()).with("catalog.warehouse", endpoints.warehouse());
        }
        if (config.find("trino.jdbc-url").isEmpty()) {
            out = out.with("trino.jdbc-url", endpoints.trinoJdbcUrl());
        }
        return out;
    }

    public static Path dataDir(LeaderlensConfig config) {
        return Path.of(System.getenv().getOrDefault("LEADERLENS_HOME", config.get("stack.data-dir")));
    }

    public static LocalStack localStack(LeaderlensConfig config) {
        return new LocalStack(dataDir(config), StackArtifacts.fromBuild(), Log::info);
    }

    public static LocalFlinkCluster flinkCluster(LeaderlensConfig config) {
        return new LocalFlinkCluster(dataDir(config), FlinkClusterArtifacts.fromBuild(), new LocalFlinkCluster.Settings(
                config.getInt("stack.flink-rest-port"), config.getInt("stack.flink-rpc-port"),
                config.getInt("stack.flink-taskmanagers"), config.getInt("stack.flink-slots"),
                config.getInt("stack.flink-taskmanager-memory-mb")), Log::info);
    }

    static StackPorts ports(LeaderlensConfig config) {
        return new StackPorts(config.getInt("stack.kafka-port"), config.getInt("stack.kafka-controller-port"),
                config.getInt("stack.catalog-port"), config.getInt("stack.trino-port"));
    }

    /** Simulations to the configured Kafka and topics; labels of Kafka runs under {@code <data-dir>/labels/}. */
    public static io.leaderlens.services.Simulations simulations(LeaderlensConfig config) {
        return new io.leaderlens.services.Simulations(config.get("kafka.bootstrap-servers"), eventTopics(config),
                dataDir(config).resolve("labels"), Log::info);
    }

    public static Map<EventKind, String> eventTopics(LeaderlensConfig config) {
        Map<EventKind, String> topics = new EnumMap<>(EventKind.class);
        topics.put(EventKind.ORDER, config.get("topics.orders"));
        topics.put(EventKind.GROUP_BUY, config.get("topics.group-buys"));
        topics.put(EventKind.REFERRAL, config.get("topics.referrals"));
        return topics;
    }

    static List<String> allTopics(LeaderlensConfig config) {
        return List.of(config.get("topics.orders"), config.get("topics.group-buys"), config.get("topics.referrals"),
                config.get("topics.leaderboard-updates"), config.get("topics.fraud-alerts"), config.get("topics.model-updates"),
                config.get("topics.commission-rates"), config.get("topics.alert-resolutions"));
    }

    /** Feeds where only the latest value per key matters. */
    static java.util.Set<String> compactedTopics(LeaderlensConfig config) {
        return java.util.Set.of(config.get("topics.commission-rates"));
    }

    public static Trino trino(LeaderlensConfig config) {
        return new Trino(config.get("trino.jdbc-url"), config.get("trino.user"));
    }
}
