package io.leaderlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.simulator.Difficulty;
import io.leaderlens.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Event → first alert latency of the fraud scoring job as it runs in production: following Kafka, exactly-once
 * outputs. A simulated world is offered to Kafka at a fixed rate with every event stamped at its sending
 * ({@code SendTimeWriter}: event time = ingestion time); a {@code read_committed} consumer of the fraud-alerts
 * topic notes when each OPEN record becomes visible, and a consumer of the at-least-once early-warning topic when
 * its copy arrives. The latency of an alert is that moment minus the event time of the flagged event that opened
 * it. Alerts opened during the warm-up are left out. Rows go to the latency table of docs/benchmarks.md.
 */
@Command(name = "bench/alert-latency", mixinStandardHelpOptions = true,
        description = "Event → first alert latency (p50 / p99 / max) of the fraud scoring job following Kafka at given offered "
                + "loads; adds rows to docs/benchmarks.md.")
public final class AlertLatencyBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--rate", split = ",", description = "offered events per second, one run each, e.g. 10000,50000 (default ${DEFAULT-VALUE})")
    List<Double> rates = List.of(10_000d);

    @Option(names = "--seconds", description = "how long each rate is offered (default ${DEFAULT-VALUE})")
    int seconds = 120;

    @Option(names = "--warm-up", description = "seconds at the start of each run whose alerts are not counted (default ${DEFAULT-VALUE})")
    int warmUp = 30;

    @Option(names = "--checkpoint-interval", description = "the job's checkpoint interval: exactly-once records become visible "
            + "when their checkpoint completes (default: the configuration's)")
    String checkpointInterval;

    @Option(names = "--out-of-orderness", description = "the job's watermark bound (default: the configuration's)")
    String outOfOrderness;

    @Option(names = "--early-scoring", arity = "1", description = "score live events without waiting for the watermark, true or false "
            + "(default: the configuration's fraud.early-scoring)")
    Boolean earlyScoring;

    @Option(names = "--reorder-wait", description = "early scoring's reorder wait per stage (default: the configuration's)")
    String reorderWait;

    @Option(names = "--live-within", description = "how soon after its event time an event must reach the job to be scored early "
            + "(default: the configuration's fraud.live-within)")
    String liveWithin;

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE}); the world of a seed and size is simulated once and kept under <stack.data-dir>/bench/ (delete it after changing the simulator)")
    long seed = 14;

    @Option(names = "--config", description = "configuration file (default ${DEFAULT-VALUE})")
    Path config = Path.of("conf/leaderlens.properties");

    @Option(names = "--results", description = "file whose latency table gets the rows (default ${DEFAULT-VALUE})")
    Path results = Path.of("docs/benchmarks.md");

    static final ResultsTable RESULTS = new ResultsTable("| when (UTC) | offered events/s | sent events/s | alerts opened (counted) "
            + "| event → first alert p50 / p99 / max (s) | early-warning topic p50 / p99 / max (s) | job behind its input at the end of sending / longest checkpoint (s) "
            + "| checkpoints | out-of-orderness | scoring | machine |", "|---|---|---|---|---|---|---|---|---|---|---|",
            "<!-- bench/alert-latency adds rows above this line -->");

    @Override
    public Integer call() throws Exception {
        if (seconds <= warmUp || rates.stream().anyMatch(r -> r <= 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--seconds must exceed --warm-up, and every --rate be positive");
        }
        LeaderlensConfig base = CliContext.localPlatform(LeaderlensConfig.load(config, "local", System.getenv())).up()
                .with("job.checkpoint-dir", Files.createTempDirectory("bench-alert-latency").toUri().toString());
        if (checkpointInterval != null) {
            base = base.with("job.checkpoint-interval", checkpointInterval);
        }
        if (outOfOrderness != null) {
            base = base.with("job.out-of-orderness", outOfOrderness);
        }
        if (earlyScoring != null) {
            base = base.with("fraud.early-scoring", earlyScoring.toString());
        }
        if (reorderWait != null) {
            base = base.with("fraud.reorder-wait", reorderWait);
        }
        if (liveWithin != null) {
            base = base.with("fraud.live-within", liveWithin);
        }
        CliContext.fraudModels(base).ensureTrained(CliContext.trainingHistory(base), Difficulty.REALISTIC);
        List<String> rows = new ArrayList<>();
        for (double rate : rates) {
            rows.add(measure(base.with("fraud.consumer-group", "bench-alert-latency-" + Long.toString(System.currentTimeMillis(), 36)), rate));
        }
        RESULTS.print(rows);
        RESULTS.append(results, rows);
        return 0;
    }

    private String measure(LeaderlensConfig conf, double rate) throws Exception {
        long events = (long) (rate * seconds);
        // the world's size sets its shape; simulated first (not timed), then replayed with every event stamped when sent.
        // A seed's world of a size is simulated once and kept (the simulator is deterministic): a rerun starts at once
        Path world = Path.of(conf.get("stack.data-dir")).resolve("bench").resolve("alert-latency-world-seed-" + seed + "-events-" + events);
        Path simulated = world.resolve("simulated");
        if (Files.exists(simulated)) {
            System.out.printf(Locale.ROOT, "bench: the world of %,d events (seed %d) simulated before: %s%n", events, seed, world);
        } else {
            System.out.printf(Locale.ROOT, "bench: simulating %,d events to %s%n", events, world);
            Files.createDirectories(world);
            io.leaderlens.services.Simulations.toFiles(SimulationOptions.defaults(seed, events, 2), world);
            Files.createFile(simulated); // written last: a world cut short is simulated again
        }
        String bootstrap = conf.get("kafka.bootstrap-servers");
        Map<TopicPartition, Long> start = KafkaOffsets.endOffsets(bootstrap, JobRuntime.eventTopics(conf));
        Map<TopicPartition, Long> alertsStart = KafkaOffsets.endOffsets(bootstrap, List.of(conf.get("topics.fraud-alerts")));
        Map<TopicPartition, Long> earlyStart = KafkaOffsets.endOffsets(bootstrap, List.of(conf.get("topics.fraud-alerts-early")));
        FraudScoringRunner fraud = new FraudScoringRunner(conf);
        StreamExecutionEnvironment env = fraud.environment(SourceProgress.install());
        fraud.build(env, false, start);
        JobClient job = env.executeAsync("bench-alert-latency");
        List<Opened> opened = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Opened> warned = Collections.synchronizedList(new ArrayList<>()); // the same from the early-warning topic
        Thread watcher = new Thread(() -> watch(bootstrap, alertsStart, opened, stop), "alert-watcher");
        Thread earlyWatcher = new Thread(() -> watch(bootstrap, earlyStart, warned, stop), "early-warning-watcher");
        watcher.start();
        earlyWatcher.start();
        List<long[]> progress = Collections.synchronizedList(new ArrayList<>()); // {when, events read by the job, last checkpoint ms}
        Thread sampler = new Thread(() -> {
            while (!stop.get()) {
                progress.add(new long[] {System.currentTimeMillis(), SourceProgress.events(), SourceProgress.lastCheckpointMillis()});
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "job-progress");
        sampler.start();
        try {
            System.out.printf(Locale.ROOT, "bench: offering the world at %,.0f events/s (about %d s), stamped when sent%n", rate, seconds);
            long sendStart = System.currentTimeMillis();
            long sent = CliContext.simulations(conf).replayStampedAtSending(world.resolve("events.jsonl"), rate);
            long sendEnd = System.currentTimeMillis();
            // what was sent last can open alerts after: wait the watermark bound, two checkpoints and some slack
            long drain = conf.getDuration("job.out-of-orderness").toMillis() + conf.getDuration("job.idleness").toMillis()
                    + 2 * conf.getDuration("job.checkpoint-interval").toMillis() + 30_000;
            System.out.printf(Locale.ROOT, "bench: sent %,d events in %.1f s; waiting %d s for the last alerts%n", sent,
                    (sendEnd - sendStart) / 1e3, drain / 1000);
            Thread.sleep(drain);
            long countedFrom = sendStart + warmUp * 1000L;
            List<Long> latencies = latencies(opened, countedFrom, sendEnd);
            String figures = figures(latencies);
            String earlyFigures = figures(latencies(warned, countedFrom, sendEnd));
            System.out.printf(Locale.ROOT, "bench: %,d alerts opened after the warm-up; event → first alert p50 / p99 / max %s s "
                    + "(early-warning topic: %s s)%n", latencies.size(), figures, earlyFigures);
            // the same in slices of the sending: a tail from the start (a cold JIT, a backlog draining) or from throughout
            for (long from = sendStart; from < sendEnd; from += SLICE_MILLIS) {
                long to = Math.min(sendEnd, from + SLICE_MILLIS);
                System.out.printf(Locale.ROOT, "bench:   events sent %3d–%3d s: %s s; early-warning topic %s s%n", (from - sendStart) / 1000,
                        (to - sendStart) / 1000, figures(latencies(opened, from, to)), figures(latencies(warned, from, to)));
            }
            // how far the job was behind its input when the sending ended, and its longest checkpoint while counted
            double sentPerSecond = sent * 1000.0 / Math.max(1, sendEnd - sendStart);
            long readAtEnd = 0;
            long longestCheckpoint = -1;
            synchronized (progress) {
                for (long[] p : progress) {
                    if (p[0] <= sendEnd) {
                        readAtEnd = p[1];
                    }
                    if (p[0] >= countedFrom) {
                        longestCheckpoint = Math.max(longestCheckpoint, p[2]);
                    }
                }
            }
            String behind = String.format(Locale.ROOT, "%.0f / %s", Math.max(0, sent - readAtEnd) / sentPerSecond,
                    longestCheckpoint < 0 ? "—" : String.format(Locale.ROOT, "%.1f", longestCheckpoint / 1e3));
            System.out.printf(Locale.ROOT, "bench: the job had read %,d of %,d events when the sending ended; job behind / longest "
                    + "checkpoint (s): %s%n", readAtEnd, sent, behind);
            String scoring = conf.getBoolean("fraud.early-scoring")
                    ? "early (reorder wait " + conf.get("fraud.reorder-wait") + ", live within " + conf.get("fraud.live-within") + ")"
                    : "watermark order";
            return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,d (%,d) | %s | %s | %s | %s | %s | %s | %s |",
                    Instant.now().toString().substring(0, 16), rate, sentPerSecond, opened.size(), latencies.size(), figures, earlyFigures, behind,
                    conf.get("job.checkpoint-interval"), conf.get("job.out-of-orderness"), scoring, machine());
        } finally {
            stop.set(true);
            watcher.join(TimeUnit.SECONDS.toMillis(10));
            earlyWatcher.join(TimeUnit.SECONDS.toMillis(10));
            sampler.join(TimeUnit.SECONDS.toMillis(10));
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static final long SLICE_MILLIS = 20_000;

    /** The latencies of the alerts opened by events sent between {@code from} and {@code to}, sorted; each alert once. */
    private static List<Long> latencies(List<Opened> opened, long from, long to) {
        List<Long> latencies = new ArrayList<>();
        synchronized (opened) {
            Set<String> seen = new HashSet<>();
            for (Opened o : opened) {
                // (an at-least-once copy sent again after a restart is not a second alert)
                if (o.effectiveAt() >= from && o.effectiveAt() <= to && seen.add(o.alertId())) {
                    latencies.add(o.visibleAt() - o.effectiveAt());
                }
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static String figures(List<Long> sorted) {
        return sorted.isEmpty() ? "— (no alert opened)" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
                percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, sorted.get(sorted.size() - 1) / 1e3);
    }

    /** An OPEN record: its alert, the event time of the event that opened it, and when the watching consumer got it. */
    private record Opened(String alertId, long effectiveAt, long visibleAt) {}

    /** Notes each OPEN record as a read_committed consumer gets it. */
    private static void watch(String bootstrap, Map<TopicPartition, Long> from, List<Opened> opened, AtomicBoolean stop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode alert = JSON.readTree(record.value());
                    if (alert.path("status").asText().equals("OPEN")) {
                        opened.add(new Opened(record.key(), alert.get("effective_at").asLong(), now));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("watching the alerts failed: " + e.getMessage(), e);
        }
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** The machine, and the collector and heap of this JVM, which runs the job (MiniCluster) and the replay. */
    private static String machine() {
        String collector = "G1GC";
        for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = bean.getName();
            collector = name.startsWith("PS ") ? "ParallelGC" : name.startsWith("ZGC") ? "ZGC"
                    : name.startsWith("Shenandoah") ? "ShenandoahGC" : name.equals("Copy") || name.equals("MarkSweepCompact") ? "SerialGC"
                    : collector;
        }
        String heap = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).reduce((first, last) -> last)
                .orElse(String.format(Locale.ROOT, "max heap %d MiB", Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        return DashboardBench.machine() + ", " + collector + ", " + heap;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AlertLatencyBench()).execute(args));
    }
}
