package io.leaderlens.cli;

import io.leaderlens.chaos.ChaosPlan;
import io.leaderlens.chaos.ChaosReport;
import io.leaderlens.chaos.ChaosRun;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Prove exactly-once under failure: a seeded simulation streams into Kafka while the three jobs run on the local "
                + "Flink cluster, and faults strike at seeded moments (TaskManager and JobManager kill -9, Kafka stopped, REST catalog "
                + "killed, an Iceberg commit's response lost, a commit held across a restart, ./leaderlens settle killed as it commits). "
                + "Then every table and output topic of the run is checked against a recomputation from the simulator's JSON lines. "
                + "Prints a report (each fault, when, recovery time; each check) and writes it under <data-dir>/chaos/. Needs "
                + "./leaderlens up and ./leaderlens cluster up; writes its own days and leaders into the stack's tables. Exit code 1 "
                + "when a check fails.")
public final class ChaosCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--events", description = "simulated events (default: ${DEFAULT-VALUE})")
    long events = 1_000_000;

    @Option(names = "--days", description = "simulated days (default: ${DEFAULT-VALUE})")
    int days = 4;

    @Option(names = "--seed", description = "seed of the simulation and of the faults' kinds and moments (default: ${DEFAULT-VALUE})")
    long seed = 2031;

    @Option(names = "--faults", description = "faults to inject, at least one of every kind (7) (default: ${DEFAULT-VALUE})")
    int faults = 20;

    @Option(names = "--first-day", description = "first simulated day; pick days no other run uses (default: ${DEFAULT-VALUE})")
    LocalDate firstDay = LocalDate.of(2031, 3, 3);

    @Option(names = "--rate", description = "events per second streamed into Kafka, so the input flows while the faults on commits "
            + "strike (default: ${DEFAULT-VALUE}; 0: as fast as possible)")
    double rate = 2_000;

    @Option(names = "--max-delay", description = "longest pause before a fault, after the previous one recovered (default: ${DEFAULT-VALUE})")
    Duration maxDelay = Duration.ofSeconds(5);

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config().with("job.target", "cluster");
        LocalFlinkCluster cluster = CliContext.flinkCluster(config);
        if (cluster.process(LocalFlinkCluster.JOB_MANAGER).isEmpty()) {
            throw new IllegalStateException("no local Flink cluster runs: start it with ./leaderlens cluster up (" + String.join("; ", cluster.status()) + ")");
        }
        ChaosPlan.draw(seed, faults, maxDelay.toMillis()); // refuses a plan without every kind before anything runs
        CliContext.fraudModels(config).ensureTrained(CliContext.trainingHistory(config), io.leaderlens.simulator.Difficulty.SEPARABLE);
        Path workDir = CliContext.dataDir(config).resolve("chaos")
                .resolve("seed-" + seed + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ChaosRun.Options options = new ChaosRun.Options(seed, events, days, firstDay, faults, maxDelay.toMillis(),
                rate > 0 ? rate : null, workDir.toAbsolutePath());
        ChaosReport report = new ChaosRun(config, cluster, CliContext.localStack(config), Log::info).run(options);
        String text = report.render();
        Files.writeString(workDir.resolve("report.md"), text);
        System.out.println(text);
        Log.info("chaos run " + (report.passed() ? "passed" : "FAILED") + ": " + report.faults().size() + " faults, report in "
                + workDir.resolve("report.md"));
        return report.passed() ? 0 : 1;
    }
}
