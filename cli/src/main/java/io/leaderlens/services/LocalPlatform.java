package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.deploy.LeaderlensTables;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.privacy.Pseudonyms;
import io.leaderlens.stack.LocalStack;
import io.leaderlens.stack.StackEndpoints;
import io.leaderlens.stack.StackPorts;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.IcebergCatalogs;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The local stack made ready for the jobs: Kafka, the REST catalog and Trino running, every topic, table and
 * dashboard view in place, and a pseudonym key for the jobs (created once, outside the checkout). {@code ./leaderlens up}, the demo, the chaos run, the bench and the ITs all start it
 * through here.
 */
public final class LocalPlatform {
    private static final List<String> VIEWS = List.of("/io/leaderlens/stack/views/ops.sql", "/io/leaderlens/stack/views/risk.sql",
            "/io/leaderlens/stack/views/commissions.sql", "/io/leaderlens/stack/views/console.sql",
            "/io/leaderlens/stack/views/reports.sql", "/io/leaderlens/stack/views/marketing.sql");

    private final LeaderlensConfig raw;
    private final LocalStack stack;
    private final Consumer<String> log;

    /**
     * @param raw   the configuration as loaded: ports, topics and time zone; endpoints left empty are the stack's
     * @param stack the local stack of {@code raw}'s data directory
     */
    public LocalPlatform(LeaderlensConfig raw, LocalStack stack, Consumer<String> log) {
        this.raw = requireNonNull(raw, "raw");
        this.stack = requireNonNull(stack, "stack");
        this.log = requireNonNull(log, "log");
    }

    /**
     * Starts what is not running, creates the missing topics, tables and views, and returns the configuration with
     * the stack's endpoints where it leaves them empty.
     */
    public LeaderlensConfig up() throws Exception {
        if (raw.find("privacy.key-file").isEmpty() && Pseudonyms.createIfMissing(JobRuntime.localKeyFile())) {
            log.accept("created the local stack's pseudonym key " + JobRuntime.localKeyFile() + " (owner-only; docs/privacy.md)");
        }
        StackEndpoints endpoints = stack.up(ports(raw), topics(raw), compactedTopics(raw));
        LeaderlensConfig config = withEndpoints(raw, endpoints);
        IcebergCatalogs.createMissingTables(config, new LeaderlensTables(config.getZone("timezone")));
        Trino trino = io.leaderlens.cli.CliContext.trino(config, "admin"); // the views belong to admin: other roles read them
        int views = 0;
        for (String resource : VIEWS) {
            views += trino.createViews(resource, java.util.Map.of("timezone", config.getZone("timezone").getId()));
        }
        log.accept("tables in iceberg.leaderlens ready; " + views + " dashboard views created");
        return config;
    }

    /**
     * Starts the services that are not running (one crashed or was stopped) and any topic missing. Tables and views
     * live in the catalog's database, which a restart keeps: re-creating the views here cost the chaos run's catalog
     * and Kafka faults half a minute each of statements that changed nothing.
     */
    public void restartStoppedServices() throws Exception {
        stack.up(ports(raw), topics(raw), compactedTopics(raw));
    }

    /** The configuration with the stack's endpoints filled in where it leaves them empty (set ones point elsewhere). */
    public static LeaderlensConfig withEndpoints(LeaderlensConfig config, StackEndpoints endpoints) {
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

    private static StackPorts ports(LeaderlensConfig config) {
        return new StackPorts(config.getInt("stack.kafka-port"), config.getInt("stack.kafka-controller-port"),
                config.getInt("stack.catalog-port"), config.getInt("stack.trino-port"), config.getInt("stack.trino-internal-port"));
    }

    private static List<String> topics(LeaderlensConfig config) {
        return List.of(config.get("topics.orders"), config.get("topics.group-buys"), config.get("topics.referrals"), config.get("topics.coupons"),
                config.get("topics.campaigns"),
                config.get("topics.leaderboard-updates"), config.get("topics.fraud-alerts"), config.get("topics.fraud-alerts-early"),
                config.get("topics.model-updates"),
                config.get("topics.commission-rates"), config.get("topics.alert-resolutions"));
    }

    /** Feeds where only the latest value per key matters. */
    private static Set<String> compactedTopics(LeaderlensConfig config) {
        return Set.of(config.get("topics.commission-rates"));
    }
}
