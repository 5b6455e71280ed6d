package io.leaderlens.bench;

import io.leaderlens.cli.CliContext;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.io.KafkaOffsets;

import io.leaderlens.simulator.SimulationOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput, CPU and memory of the leaderlens jobs, on demand (never in CI). Fills Kafka once with a simulated
 * world, then runs each chosen job at each chosen parallelism over exactly that input, each in a JVM of its own,
 * from Kafka with the configuration's exactly-once checkpoints and all outputs written. Beside the jobs it
 * measures the ceiling (read, event time, decode; nothing else), and prints every job's rate as a fraction of
 * it. Rows are added to the table in docs/benchmarks.md; {@code --profile} writes each run's JFR top frames
 * to docs/profiles/.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true,
        description = "Measure the jobs' events/s from Kafka (exactly-once checkpoints on), CPU per event and peak RSS against the "
                + "read-and-decode ceiling; adds rows to docs/benchmarks.md.")
public final class Bench implements Callable<Integer> {
    private static final Pattern COLLECTOR_FLAG = Pattern.compile("-XX:\\+Use(\\w+GC)");

    @Option(names = "--job", split = ",", description = "ceiling, raw-tables, metrics, fraud, commissions or all (default ${DEFAULT-VALUE})")
    List<String> jobs = List.of("all");

    @Option(names = "--events", description = "events in the fill (default ${DEFAULT-VALUE})")
    long events = 1_000_000;

    @Option(names = "--days", description = "simulated days (default ${DEFAULT-VALUE})")
    int days = 2;

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--parallelism", split = ",", description = "parallelism of each run, e.g. 1,2 (default ${DEFAULT-VALUE})")
    List<Integer> parallelism = List.of(2);

    @Option(names = "--profile", description = "record each run with JFR and write its top frames to docs/profiles/")
    boolean profile;

    @Option(names = "--heap", description = "heap of each measured JVM (default ${DEFAULT-VALUE}); G1 grows towards it under load, so it bounds peak RSS")
    String heap = "3g";

    @Option(names = "--jvm-option", description = "an extra flag for each measured JVM, e.g. -XX:+UseParallelGC (repeatable; "
            + "the row's machine column names the collector)")
    List<String> jvmOptions = new ArrayList<>();

    /** the measured JVMs' flags, once {@link #jvmFlags()} has read them */
    private List<String> jvmFlags;

    @Option(names = "--reuse-fill", description = "measure the input of the previous fill again if it has the same seed, events and days")
    boolean reuseFill;

    @Option(names = "--config", description = "configuration file (default ${DEFAULT-VALUE})")
    Path config = Path.of("conf/leaderlens.properties");

    @Option(names = "--results", description = "file whose table gets the rows (default ${DEFAULT-VALUE})")
    Path results = Path.of("docs/benchmarks.md");

    @Override
    public Integer call() throws Exception {
        List<BenchJob> chosen = jobs.contains("all") ? List.of(BenchJob.values()) : jobs.stream().map(BenchJob::parse).toList();
        LeaderlensConfig conf = CliContext.localPlatform(LeaderlensConfig.load(config, "local", System.getenv())).up();
        if (chosen.contains(BenchJob.FRAUD)) {
            CliContext.fraudModels(conf).ensureTrained(CliContext.trainingHistory(conf), io.leaderlens.simulator.Difficulty.SEPARABLE);
        }
        Path benchDir = Path.of(conf.get("stack.data-dir")).resolve("bench");
        Fill fill = fill(conf, benchDir.resolve("fill.json"));

        Map<String, Map<String, String>> measured = new LinkedHashMap<>();
        for (BenchJob job : chosen) {
            for (int p : parallelism) {
                Map<String, String> result = measure(job, p, benchDir);
                measured.put(job.cliName() + "@" + p, result);
            }
        }
        List<String> rows = new ArrayList<>();
        for (var e : measured.entrySet()) {
            Map<String, String> r = e.getValue();
            Map<String, String> ceiling = measured.get("ceiling@" + r.get("parallelism"));
            double sustained = Double.parseDouble(r.get("sustained"));
            double ceilingRate = ceiling == null ? Double.NaN : Double.parseDouble(ceiling.get("sustained"));
            String fraction = r.get("job").equals("ceiling") || Double.isNaN(sustained) || Double.isNaN(ceilingRate) ? "—"
                    : String.format(Locale.ROOT, "%.2f", sustained / ceilingRate);
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,.0f | %s | %s | %.1f | %s | %s | %s | %s |",
                    Instant.now().toString().substring(0, 16), r.get("job"), r.get("parallelism"), fill.events(), Double.parseDouble(r.get("rate")),
                    Double.isNaN(sustained) ? "— (too short)" : String.format(Locale.ROOT, "%,.0f", sustained), fraction,
                    Double.parseDouble(r.get("cpu_us")), r.get("rss_mib"), r.get("jit_s"), r.get("gc_s"), machine() + ", -Xmx" + heap));
        }
        RESULTS.print(rows);
        RESULTS.append(results, rows);
        return 0;
    }

    static final ResultsTable RESULTS = new ResultsTable("| when (UTC) | job | parallelism | events | events/s (whole run) "
            + "| events/s (sustained) | of ceiling | CPU µs/event | peak RSS MiB | JIT s | GC s | machine |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
            "<!-- bench/run adds rows above this line -->");

    private Fill fill(LeaderlensConfig conf, Path file) throws Exception {
        if (reuseFill && Files.exists(file)) {
            Fill previous = Fill.read(file);
            // a fill from before an event topic existed (events.coupon) lacks its start: its world is not today's
            boolean everyTopic = JobRuntime.eventTopics(conf).stream().allMatch(t -> previous.start().keySet().stream().anyMatch(tp -> tp.topic().equals(t)));
            if (previous.seed() == seed && previous.requested() == events && previous.days() == days && everyTopic) {
                System.out.println("bench: measuring the previous fill again (" + previous.events() + " events)");
                return previous;
            }
        }
        String servers = conf.get("kafka.bootstrap-servers");
        var start = KafkaOffsets.endOffsets(servers, JobRuntime.eventTopics(conf));
        var controlEnd = KafkaOffsets.endOffsets(servers, CommissionRunner.controlTopics(conf));
        SimulationOptions options = SimulationOptions.defaults(seed, events, days);
        CliContext.simulations(conf).toKafka(options, null, null);
        // what every measured job reads: the events at leaders (the metrics job's campaign source is not counted)
        var end = KafkaOffsets.endOffsets(servers, JobRuntime.leaderEventTopics(conf));
        long atLeaders = end.entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum();
        Fill fill = new Fill(seed, events, atLeaders, days, start, controlEnd, options.endMillis());
        fill.write(file);
        return fill;
    }

    /** One run in a JVM of its own, as the launcher starts the CLI. */
    private Map<String, String> measure(BenchJob job, int p, Path benchDir) throws Exception {
        String name = job.cliName() + "-p" + p;
        System.out.println("bench: " + name + " ...");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        command.addAll(jvmFlags());
        Path jfr = benchDir.resolve(name + ".jfr");
        if (profile) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-cp", "bench/target/classes:" + Files.readString(Path.of("bench/target/classpath.txt")).trim(),
                MeasureJob.class.getName(), "--job", job.cliName(), "--parallelism", String.valueOf(p),
                "--fill", benchDir.resolve("fill.json").toString(), "--config", config.toString()));
        Path log = benchDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var writer = Files.newBufferedWriter(log)) {
            for (String line; (line = out.readLine()) != null; ) {
                writer.write(line);
                writer.newLine();
                if (line.startsWith("PROGRESS ")) {
                    System.out.println("bench: " + line.substring(9));
                }
                if (line.startsWith("RESULT ")) {
                    result = new HashMap<>();
                    for (String pair : line.substring(7).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                    System.out.println("bench: " + line.substring(7));
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the " + name + " run failed; its output is in " + log);
        }
        if (profile) {
            Path summary = Path.of("docs/profiles").resolve(name + ".txt");
            Files.createDirectories(summary.getParent());
            Files.writeString(summary, "JFR CPU profile of bench/run --job " + job.cliName() + " --parallelism " + p + " ("
                    + Instant.now().toString().substring(0, 16) + ", " + machine() + ")\n\n" + JfrTopFrames.summarize(jfr, 25));
        }
        return result;
    }

    /** The launcher's JVM flags, then {@code --jvm-option}s (a later flag wins); read once per run. */
    private List<String> jvmFlags() throws IOException {
        if (jvmFlags == null) {
            List<String> flags = new ArrayList<>(Arrays.asList(Files.readString(Path.of("cli/target/jvm.args")).trim().split("\\s+")));
            flags.addAll(jvmOptions);
            jvmFlags = List.copyOf(flags);
        }
        return jvmFlags;
    }

    private String machine() throws IOException {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version") + ", " + collector();
    }

    /** The garbage collector the measured JVMs run with (the last one their flags choose; the JDK's default is G1). */
    private String collector() throws IOException {
        String chosen = "G1GC";
        for (String flag : jvmFlags()) {
            Matcher use = COLLECTOR_FLAG.matcher(flag);
            if (use.matches()) {
                chosen = use.group(1);
            }
        }
        return chosen;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
