package io.leaderlens.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the local stack is running, and where.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Override
    public Integer call() {
        CliContext.localStack(context.rawConfig()).status().forEach(System.out::println);
        return 0;
    }
}
