package io.leaderlens.cli;

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
        CliContext.localPlatform(context.rawConfig()).up();
        return 0;
    }
}
