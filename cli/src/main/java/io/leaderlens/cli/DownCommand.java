package io.leaderlens.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop exactly the processes that 'up' started; data stays in the data directory.")
public final class DownCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Override
    public Integer call() {
        CliContext.localStack(context.rawConfig()).down();
        Log.info("stack stopped");
        return 0;
    }
}
