package io.leaderlens.bench;

import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.jobs.common.PlatformEventStreams;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.tables.TableSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One measured run of one job over topics the bench filled (started by {@link Bench} in a JVM of its own, so
 * peak memory and JIT belong to this run alone). The job runs as in production — unbounded, following the
 * topics — from the fill's start offsets, with the configuration's checkpoints on and all its outputs written,
 * and is cancelled once every event of the fill has been committed (the consumer-group offsets the Kafka source
 * commits at every checkpoint). The sustained rate comes from the events the source has handed on, sampled
 * every second ({@link SourceProgress}), between 10% of the input and the last sample before all of it, so
 * start-up and the final drain and commit are not in it.
 */
@Command(name = "measure-job", mixinStandardHelpOptions = true, description = "One measured bench run of one job (started by bench/run).")
public final class MeasureJob implements Callable<Integer> {
    @Option(names = "--job", required = true, description = "ceiling, raw-tables, metrics, fraud or commissions")
    String job;

    @Option(names = "--parallelism", required = true)
    int parallelism;

    @Option(names = "--fill", required = true, description = "the fill's description (bench/run writes it)")
    Path fill;

    @Option(names = "--config", description = "configuration file (default ${DEFAULT-VALUE})")
    Path config = Path.of("conf/leaderlens.properties");

    /** The fill's events read and decoded as every job reads them (the ceiling's whole work). */
    private static DataStream<PlatformEvent> decoded(StreamExecutionEnvironment env, JobRuntime runtime, LeaderlensConfig conf, Fill topics,
                                                     String uidPrefix) {
        return PlatformEventStreams.decoded(env, runtime.platformEvents(false, topics.start()), conf.getDuration("job.out-of-orderness"),
                conf.getDuration("job.idleness"), runtime.pseudonyms(), uidPrefix);
    }

    @Override
    public Integer call() throws Exception {
        Fill topics = Fill.read(fill);
        BenchJob which = BenchJob.parse(job);
        String group = "bench-" + job + "-p" + parallelism + "-" + System.currentTimeMillis();
        LeaderlensConfig conf = CliContext.localPlatform(LeaderlensConfig.load(config, "local", System.getenv())).up()
                .with("job.parallelism", String.valueOf(parallelism))
                .with("job.consumer-group", group)
                .with("fraud.consumer-group", group)
                .with("commissions.consumer-group", group)
                .with("job.checkpoint-dir", Files.createTempDirectory("bench-checkpoints").toUri().toString());
        StreamExecutionEnvironment env;
        switch (which) {
            case CEILING -> {
                JobRuntime runtime = new JobRuntime(conf);
                env = runtime.environment(SourceProgress.install());
                runtime.configure(env);
                decoded(env, runtime, conf, topics, "ceiling-").sinkTo(new DiscardingSink<>()).name("discard");
            }
            case RAW_TABLES -> {
                JobRuntime runtime = new JobRuntime(conf);
                env = runtime.environment(SourceProgress.install());
                runtime.configure(env);
                env.getConfig().enableObjectReuse(); // as the metrics job
                InputTables input = new InputTables(conf.getZone("timezone"));
                IcebergCatalogs.createMissingTables(conf, TableSet.of(input));
                DataStream<PlatformEvent> unique = PlatformEventStreams.unique(decoded(env, runtime, conf, topics, ""),
                        conf.getDuration("job.dedup-retention"), "");
                LeaderMetricsRunner.rawEvents(input, IcebergCatalogs.loader(conf)).attach(unique);
            }
            case METRICS -> {
                LeaderMetricsRunner runner = new LeaderMetricsRunner(conf);
                env = runner.environment(SourceProgress.install());
                runner.build(env, false, topics.start());
            }
            case FRAUD -> {
                FraudScoringRunner runner = new FraudScoringRunner(conf);
                env = runner.environment(SourceProgress.install());
                runner.build(env, false, topics.start());
            }
            case COMMISSIONS -> {
                CommissionRunner runner = new CommissionRunner(conf);
                env = runner.environment(SourceProgress.install());
                Map<TopicPartition, Long> from = new HashMap<>(topics.start());
                from.putAll(topics.controlEnd()); // no alerts or verdicts: the same input for every run
                runner.build(env, false, from, topics.asOf());
            }
            default -> throw new IllegalStateException();
        }

        long cpuBefore = processCpuNanos();
        long jitBefore = jitMillis();
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        JobClient client = env.executeAsync("bench-" + job + "-p" + parallelism);
        var ended = client.getJobExecutionResult(); // a following job only ends when it fails
        List<long[]> samples = new ArrayList<>(); // {nanos since start, events the source has handed on}
        try (Admin admin = Admin.create(adminProperties(conf))) {
            long read = 0;
            while (read < topics.events()) {
                Thread.sleep(1_000);
                if (ended.isDone()) {
                    ended.get(); // throws the job's failure
                    throw new IllegalStateException("the job ended before it had read the fill");
                }
                samples.add(new long[] {System.nanoTime() - started, SourceProgress.events()});
                read = committed(admin, group, topics.start());
            }
        }
        client.cancel().get(1, TimeUnit.MINUTES);
        if (!SourceProgress.counting()) {
            throw new IllegalStateException("no progress from the job's source: the bench metric reporter was not loaded");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = processCpuNanos() - cpuBefore;
        double sustained = sustainedRate(samples, topics.events());
        System.out.println("PROGRESS events/s per tenth of the input: " + ratePerTenth(samples, topics.events()));
        System.out.printf(Locale.ROOT, "RESULT job=%s parallelism=%d events=%d seconds=%.1f rate=%.0f sustained=%.0f cpu_us=%.2f rss_mib=%d"
                        + " jit_s=%.1f gc_s=%.1f%n",
                job, parallelism, topics.events(), seconds, topics.events() / seconds, sustained, cpu / 1e3 / topics.events(),
                peakRssBytes() >> 20, (jitMillis() - jitBefore) / 1e3, (gcMillis() - gcBefore) / 1e3);
        return 0;
    }

    /**
     * Events per second between the first sample past 10% of the input and the last before all of it. A count
     * that moves in steps is timed at the first sample that shows each step, not at the samples in between.
     */
    static double sustainedRate(List<long[]> samples, long events) {
        long[] from = null;
        long[] to = null;
        long previous = -1;
        for (long[] s : samples) {
            boolean commit = s[1] != previous;
            previous = s[1];
            if (!commit) {
                continue;
            }
            if (from == null && s[1] >= events / 10) {
                from = s;
            }
            if (s[1] < events) {
                to = s;
            }
        }
        if (from == null || to == null || to[0] <= from[0] || to[1] <= from[1]) {
            return Double.NaN; // too short to tell start-up from steady running
        }
        return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
    }

    /**
     * The rate in each tenth of the input (by the source's count, timed at the samples that cross each tenth): how
     * the rate grows while the JIT compiles and the state fills, which one sustained figure hides.
     */
    static String ratePerTenth(List<long[]> samples, long events) {
        StringBuilder out = new StringBuilder();
        long[] from = {0, 0};
        int tenth = 1;
        for (long[] s : samples) {
            if (tenth <= 10 && s[1] >= events * tenth / 10) {
                double rate = (s[1] - from[1]) / Math.max(1e-9, (s[0] - from[0]) / 1e9);
                out.append(out.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", rate));
                from = s;
                while (tenth <= 10 && s[1] >= events * tenth / 10) {
                    tenth++;
                }
            }
        }
        return out.toString();
    }

    /** Milliseconds the JIT compilers have spent so far. */
    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Milliseconds the garbage collectors have spent so far (pauses and, for G1, concurrent cycles). */
    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Events of the topics from {@code start} on that the consumer group has committed. */
    static long committed(Admin admin, String group, Map<TopicPartition, Long> start) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        long read = 0;
        for (var e : start.entrySet()) {
            OffsetAndMetadata at = offsets.get(e.getKey());
            if (at != null) {
                read += Math.max(0, at.offset() - e.getValue());
            }
        }
        return read;
    }

    static Properties adminProperties(LeaderlensConfig conf) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, conf.get("kafka.bootstrap-servers"));
        return p;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** VmHWM: the process's peak resident memory (Linux); 0 elsewhere. */
    static long peakRssBytes() {
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

    public static void main(String[] args) {
        System.exit(new CommandLine(new MeasureJob()).execute(args));
    }
}
