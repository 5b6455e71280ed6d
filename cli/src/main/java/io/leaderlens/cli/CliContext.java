package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.EventKind;
import io.leaderlens.jobs.commissions.CommissionTables;
import io.leaderlens.jobs.fraudscoring.FraudScoringTables;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.training.AlertBudget;
import io.leaderlens.services.FraudLabels;
import io.leaderlens.services.FraudModels;
import io.leaderlens.services.LocalPlatform;
import io.leaderlens.services.SettlementService;
import io.leaderlens.services.Simulations;
import io.leaderlens.stack.FlinkClusterArtifacts;
import io.leaderlens.stack.LocalFlinkCluster;
import io.leaderlens.stack.LocalStack;
import io.leaderlens.stack.StackArtifacts;
import io.leaderlens.stack.StackEndpoints;
import io.leaderlens.stack.Trino;
import io.leaderlens.stack.TrinoSecurity;
import io.leaderlens.tables.IcebergCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.EnumMap;
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
        return LocalPlatform.withEndpoints(config, StackEndpoints.readFrom(dataDir(config)));
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

    /** The local stack, made ready by {@code up}: topics, tables and views in place. */
    public static LocalPlatform localPlatform(LeaderlensConfig config) {
        return new LocalPlatform(config, localStack(config), Log::info);
    }

    /** Simulations to the configured Kafka and topics; labels of Kafka runs under {@code <data-dir>/labels/}. */
    public static Simulations simulations(LeaderlensConfig config) {
        return new Simulations(config.get("kafka.bootstrap-servers"), eventTopics(config),
                dataDir(config).resolve("labels"), Log::info);
    }

    public static Map<EventKind, String> eventTopics(LeaderlensConfig config) {
        Map<EventKind, String> topics = new EnumMap<>(EventKind.class);
        topics.put(EventKind.ORDER, config.get("topics.orders"));
        topics.put(EventKind.GROUP_BUY, config.get("topics.group-buys"));
        topics.put(EventKind.REFERRAL, config.get("topics.referrals"));
        topics.put(EventKind.COUPON, config.get("topics.coupons"));
        topics.put(EventKind.CAMPAIGN, config.get("topics.campaigns"));
        return topics;
    }

    /** The settlement service on the configured Trino and Iceberg catalog (tables created when missing). */
    public static SettlementService settlement(LeaderlensConfig config) {
        CommissionTables tables = new CommissionTables(config.getZone("timezone"));
        IcebergCatalogs.createMissingTables(config, tables);
        return new SettlementService(trino(config), action -> IcebergCatalogs.withCatalog(config, action), tables,
                config.getZone("timezone"), Log::info);
    }

    /** Fraud labels into the configured catalog's {@code fraud_labels} (created when missing). */
    public static FraudLabels fraudLabels(LeaderlensConfig config) {
        FraudScoringTables tables = new FraudScoringTables(config.getZone("timezone"));
        IcebergCatalogs.createMissingTables(config, tables);
        return new FraudLabels(trino(config), tables.fraudLabels());
    }

    /** The models of {@code fraud.registry}, each saved version recorded in {@code model_registry}. */
    public static FraudModels fraudModels(LeaderlensConfig config) {
        return new FraudModels(new ModelRegistry(Path.of(config.get("fraud.registry"))), AlertBudget.from(config), entries -> ModelRegistryTable.record(config, entries),
                Log::info);
    }

    /** Where the history the fraud models are first trained on is simulated (when the registry is empty). */
    public static Path trainingHistory(LeaderlensConfig config) {
        return dataDir(config).resolve("training/seed-7");
    }

    /** Trino, signed in as the configured user (trino.user). */
    public static Trino trino(LeaderlensConfig config) {
        return trino(config, config.get("trino.user"));
    }

    /**
     * Trino, signed in as {@code user}: as the configured trino.user with trino.password when set, else env
     * LEADERLENS_TRINO_PASSWORD; as any role of the local stack with its password there (created by {@code up}).
     */
    public static Trino trino(LeaderlensConfig config, String user) {
        Optional<String> configured = user.equals(config.get("trino.user"))
                ? config.find("trino.password").filter(p -> !p.isBlank())
                        .or(() -> Optional.ofNullable(System.getenv("LEADERLENS_TRINO_PASSWORD")).filter(p -> !p.isBlank()))
                : Optional.empty();
        String password = configured.or(() -> TrinoSecurity.of(dataDir(config)).password(user))
                .orElseThrow(() -> new IllegalArgumentException("no Trino password for user " + user + ": set trino.password or "
                        + "LEADERLENS_TRINO_PASSWORD, or use a role of the local stack (" + String.join(", ", TrinoSecurity.ROLES)
                        + ") after ./leaderlens up"));
        return new Trino(config.get("trino.jdbc-url"), user, password);
    }
}
