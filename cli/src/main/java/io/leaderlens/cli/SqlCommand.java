package io.leaderlens.cli;

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

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be table or csv, got " + format);
        }
        Trino trino = CliContext.trino(context.config());
        System.out.print(Trino.format(trino.query(query), format.equals("csv")));
        return 0;
    }
}
