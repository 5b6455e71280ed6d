package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.Trino;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a SQL query on Trino and print the result, e.g. ./leaderlens sql \"SELECT * FROM iceberg.leaderlens.v_leaderboard_latest_day\"")
public final class SqlCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Parameters(index = "0", description = "the query")
    String query;

    @Option(names = "--format", description = "table (default) or csv")
    String format = "table";

    @Option(names = "--role", description = "sign in to Trino as this role: admin, ops, risk, finance, console "
            + "(default: trino.user of the configuration); each sees what docs/access.md says")
    String role;

    @Option(names = "--as-leader", paramLabel = "LEADER_ID", description = "run the query as this group leader, who sees only "
            + "their own rows (signed in as the console, which may act for leaders)")
    String leader;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be table or csv, got " + format);
        }
        LeaderlensConfig config = context.config();
        Trino trino = CliContext.trino(config, leader != null ? "console" : role != null ? role : config.get("trino.user"));
        if (leader != null) {
            trino = trino.asLeader(leader);
        }
        System.out.print(Trino.format(trino.query(query), format.equals("csv")));
        return 0;
    }
}
