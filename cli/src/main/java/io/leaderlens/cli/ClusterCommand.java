package io.leaderlens.cli;

import io.leaderlens.stack.LocalFlinkCluster;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "The local Flink session cluster on 127.0.0.1: a JobManager (web UI and REST on stack.flink-rest-port) and "
                + "TaskManagers, each its own JVM. Jobs go there with --target cluster.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
public final class ClusterCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the JobManager and the TaskManagers (those not running yet) and wait until every slot is registered.")
    static final class Up implements Callable<Integer> {
        @Mixin
        CliContext context;

        @Override
        public Integer call() {
            LocalFlinkCluster cluster = CliContext.flinkCluster(context.rawConfig());
            cluster.up();
            Log.info("submit jobs with --target cluster (e.g. ./leaderlens run --target cluster); web UI " + cluster.restUrl());
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the TaskManagers and the JobManager (running jobs stop with them).")
    static final class Down implements Callable<Integer> {
        @Mixin
        CliContext context;

        @Override
        public Integer call() {
            CliContext.flinkCluster(context.rawConfig()).down();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Which cluster processes run, and what the JobManager reports.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CliContext context;

        @Override
        public Integer call() {
            CliContext.flinkCluster(context.rawConfig()).status().forEach(System.out::println);
            return 0;
        }
    }
}
