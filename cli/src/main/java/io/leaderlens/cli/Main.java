package io.leaderlens.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./leaderlens}: the one entry point. */
@Command(name = "leaderlens", mixinStandardHelpOptions = true, version = "leaderlens 0.1.0",
        description = "Community group-buying data pipeline: live leader metrics, leaderboards, fraud and commissions.",
        subcommands = {DemoCommand.class, DashboardCommand.class, ClusterCommand.class, JobsCommand.class, UpgradeCommand.class, ResumeCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, BenchmarkCommand.class, UpCommand.class, DownCommand.class, PseudonymCommand.class, StatusCommand.class, SimulateCommand.class,
                ReplayCommand.class, RunCommand.class, RunFraudCommand.class, PromoteCommand.class, LabelCommand.class, RunCommissionsCommand.class, ResolveAlertCommand.class, SettleCommand.class, ChaosCommand.class, SqlCommand.class, MaintainCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // a clear one-line message for expected failures; the stack trace only with LEADERLENS_DEBUG
            commandLine.getErr().println("leaderlens: " + e.getMessage());
            if (System.getenv("LEADERLENS_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
