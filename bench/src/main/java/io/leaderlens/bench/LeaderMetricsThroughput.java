package io.leaderlens.bench;

import io.leaderlens.cli.SimulateCommand;
import io.leaderlens.cli.UpCommand;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.simulator.SimulationOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained throughput of the leader metrics job reading from Kafka with checkpointing on, writing to
 * Iceberg and Kafka, on a Flink MiniCluster; and the JVM's peak memory. Run on demand, never in CI.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the leader metrics job's events/s from Kafka (checkpointing on) and peak memory; appends to docs/benchmarks.md.")
public final class LeaderMetricsThroughput implements Callable<Integer> {
    @Option(names = "--events", description = "events to push through (default ${DEFAULT-VALUE})")
    long events = 2_000_000;

    @Option(names = "--days", description = "simulated days (default ${DEFAULT-VALUE})")
    int days = 3;

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--config", description = "configuration file (default ${DEFAULT-VALUE})")
    Path config = Path.of("conf/leaderlens.properties");

    @Option(names = "--results", description = "file the figures are appended to (default ${DEFAULT-VALUE})")
    Path results = Path.of("docs/benchmarks.md");

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig conf = UpCommand.up(LeaderlensConfig.load(config, "local", System.getenv()))
                .with("job.consumer-group", "bench-" + System.currentTimeMillis());
        var start = KafkaOffsets.endOffsets(conf.get("kafka.bootstrap-servers"),
                LeaderMetricsRunner.eventTopics(conf));
        long produceStart = System.nanoTime();
        long sent = SimulateCommand.simulate(conf, SimulationOptions.defaults(seed, events, days), "kafka", null, null);
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

        LeaderMetricsRunner runner = new LeaderMetricsRunner(conf);
        long jobStart = System.nanoTime();
        JobExecutionResult result = runner.run(runner.environment(), true, start);
        double wallSeconds = (System.nanoTime() - jobStart) / 1e9;
        double jobSeconds = result.getNetRuntime() / 1000.0;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long peakRss = peakRssBytes();

        String line = String.format(Locale.ROOT,
                "| %s | %,d | %d | %s | %,.0f | %.1f | %.1f | %,d | %,d | %s |",
                Instant.now().toString().substring(0, 16), sent, days, conf.get("job.parallelism") + " / " + conf.get("job.checkpoint-interval"),
                sent / jobSeconds, jobSeconds, wallSeconds, peakHeap / (1 << 20), peakRss / (1 << 20),
                String.format(Locale.ROOT, "%d cores, %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        System.out.println("produced " + sent + " events in " + String.format(Locale.ROOT, "%.1f s", produceSeconds));
        System.out.println("| when (UTC) | events | days | parallelism / checkpoint | events/s | job s | wall s | peak heap MiB | peak RSS MiB | machine |");
        System.out.println(line);
        append(results, line);
        return 0;
    }

    /** VmHWM: the process's peak resident memory (Linux); 0 elsewhere. */
    private static long peakRssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void append(Path file, String line) throws IOException {
        if (Files.exists(file)) {
            Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LeaderMetricsThroughput()).execute(args));
    }

}
