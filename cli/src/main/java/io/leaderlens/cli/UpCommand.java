package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.LocalStack;
import io.leaderlens.stack.StackEndpoints;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.deploy.LeaderlensTables;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack on 127.0.0.1 (Kafka KRaft, Iceberg REST catalog, Trino), create topics, tables and views.")
public final class UpCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Override
    public Integer call() throws Exception {
        up(context.rawConfig());
        return 0;
    }

    /** Starts the stack (if needed) and makes sure tables and views exist; returns the resolved configuration. */
    public static LeaderlensConfig up(LeaderlensConfig raw) throws Exception {
        LocalStack stack = CliContext.localStack(raw);
        StackEndpoints endpoints = stack.up(CliContext.ports(raw), CliContext.allTopics(raw), CliContext.compactedTopics(raw));
        LeaderlensConfig config = CliContext.withEndpoints(raw, endpoints);
        IcebergCatalogs.createMissingTables(config, new LeaderlensTables(config.getZone("timezone")));
        int views = CliContext.trino(config).createViews("/io/leaderlens/stack/views/ops.sql")
                + CliContext.trino(config).createViews("/io/leaderlens/stack/views/risk.sql")
                + CliContext.trino(config).createViews("/io/leaderlens/stack/views/commissions.sql");
        Log.info("tables in iceberg.leaderlens ready; " + views + " dashboard views created");
        return config;
    }
}
