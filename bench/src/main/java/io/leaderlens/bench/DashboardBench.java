package io.leaderlens.bench;

import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.services.TableMaintenance;
import io.leaderlens.simulator.Difficulty;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The dashboards' queries in Trino before and after table maintenance. Streams a simulated period (90 days with data
 * by default) through the leader metrics and fraud scoring jobs as they run in production — following Kafka, committing
 * to Iceberg at every checkpoint — paced so that every simulated day is spread over several checkpoints (the small
 * files a live deployment accumulates), then times each dashboard query, runs {@code ./leaderlens maintain}'s work on
 * the tables, and times them again. Data files are counted in the benchmark's own days. Rows go to the second table
 * of docs/benchmarks.md.
 */
@Command(name = "bench/dashboards", mixinStandardHelpOptions = true,
        description = "Time the dashboards' Trino queries over a streamed simulated period before and after table maintenance; "
                + "adds rows to docs/benchmarks.md.")
public final class DashboardBench implements Callable<Integer> {
    private static final String SCHEMA = "iceberg.leaderlens";
    /** what the timed queries read, and what the maintenance works on */
    private static final List<String> TABLES = List.of("leaderboard_daily", "leader_metrics_daily", "fraud_alerts", "events_order",
            "leader_metrics_minute", "order_scores");

    @Option(names = "--events", description = "events streamed (default ${DEFAULT-VALUE})")
    long events = 800_000;

    // The simulator sizes its arrivals by events per day, and its members' repeat orders make a long period run out of
    // events after about 78% of it (whatever the count): 116 days asked are 90 with data. The rows say what was covered.
    @Option(names = "--days", description = "simulated days asked; about 78% of them get data (default ${DEFAULT-VALUE}: 90 days)")
    int days = 116;

    @Option(names = "--first-day", description = "first simulated day; far from other runs' days (default ${DEFAULT-VALUE})")
    LocalDate firstDay = LocalDate.of(2040, 1, 1);

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 90;

    @Option(names = "--rate", description = "events per second offered to Kafka while the jobs follow (default ${DEFAULT-VALUE})")
    double rate = 1_000;

    @Option(names = "--checkpoint-interval", description = "the jobs' checkpoint (= Iceberg commit) interval (default ${DEFAULT-VALUE})")
    String checkpointInterval = "PT1S";

    @Option(names = "--repeat", description = "timed runs of each query after one untimed warm-up (default ${DEFAULT-VALUE})")
    int repeat = 5;

    @Option(names = "--config", description = "configuration file (default ${DEFAULT-VALUE})")
    Path config = Path.of("conf/leaderlens.properties");

    @Option(names = "--results", description = "file whose dashboard table gets the rows (default ${DEFAULT-VALUE})")
    Path results = Path.of("docs/benchmarks.md");

    /** One dashboard query: what a reader calls it, and its SQL. */
    record DashboardQuery(String name, String sql) {}

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || days < 1 || rate <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repeat and --days must be at least 1 and --rate positive");
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        LeaderlensConfig conf = CliContext.localPlatform(LeaderlensConfig.load(config, "local", System.getenv())).up()
                .with("job.checkpoint-interval", checkpointInterval)
                .with("job.consumer-group", "bench-dashboards-metrics-" + run)
                .with("fraud.consumer-group", "bench-dashboards-fraud-" + run)
                .with("job.checkpoint-dir", Files.createTempDirectory("bench-dashboards").toUri().toString());
        CliContext.fraudModels(conf).ensureTrained(CliContext.trainingHistory(conf), Difficulty.SEPARABLE);
        Trino admin = CliContext.trino(conf, "admin");
        String period = daysBetween("day", firstDay, firstDay.plusDays(days - 1));
        if (!admin.query("SELECT 1 FROM " + SCHEMA + ".events_order WHERE " + period + " LIMIT 1").rows().isEmpty()) {
            throw new IllegalStateException("the tables already hold rows in " + firstDay + " .. " + firstDay.plusDays(days - 1)
                    + ": choose another --first-day (every run streams its own days)");
        }

        long sent = stream(conf, run);

        // the simulator stops when its events run out, which can be before the period does
        LocalDate lastDay = LocalDate.parse(admin.query("SELECT max(day) FROM " + SCHEMA + ".events_order WHERE " + period).rows().get(0).get(0));
        int covered = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        String ourDays = daysBetween("day", firstDay, lastDay);
        LocalDate middle = firstDay.plusDays(covered / 2);
        List<List<String>> top = admin.query("SELECT leader_id FROM " + SCHEMA + ".leaderboard_daily WHERE day = DATE '" + middle
                + "' ORDER BY net_gmv_cents DESC LIMIT 1").rows();
        if (top.isEmpty()) {
            throw new IllegalStateException("no leaderboard for " + middle + ": the jobs wrote nothing into the benchmark's days");
        }
        String leader = top.get(0).get(0);
        List<DashboardQuery> queries = List.of(
                new DashboardQuery("leaderboard of a day", "SELECT city, rank, leader_id, net_gmv_cents, orders, buyers FROM " + SCHEMA
                        + ".leaderboard_daily WHERE day = DATE '" + middle + "' ORDER BY city, rank"),
                new DashboardQuery("a leader's " + covered + "-day history", "SELECT day, net_gmv_yuan, orders, buyers, new_members, formation_rate "
                        + "FROM " + SCHEMA + ".v_leader_daily WHERE leader_id = '" + leader + "' AND " + ourDays + " ORDER BY day"),
                new DashboardQuery("funnel per city over the period", "SELECT city, sum(shares), sum(scans), sum(signups), sum(first_orders) FROM "
                        + SCHEMA + ".v_funnel_daily WHERE " + ourDays + " GROUP BY city ORDER BY city"),
                new DashboardQuery("alerts of a week", "SELECT alert_id, period_start, leader_id, action, max_score, reasons FROM " + SCHEMA
                        + ".fraud_alerts WHERE day BETWEEN DATE '" + middle + "' AND DATE '" + middle.plusDays(6) + "' ORDER BY max_score DESC"),
                new DashboardQuery("a leader's minutes of a day", "SELECT period_start, net_gmv_cents, orders FROM " + SCHEMA
                        + ".leader_metrics_minute WHERE day = DATE '" + middle + "' AND leader_id = '" + leader + "' ORDER BY period_start"));

        String ourPartitions = daysBetween("partition.day", firstDay, lastDay);
        Map<String, Long> filesBefore = files(admin, ourPartitions);
        Map<String, double[]> before = time(admin, queries);
        System.out.println("bench: maintaining " + String.join(", ", TABLES));
        new TableMaintenance(admin, line -> System.out.println("bench: " + line)).run(TABLES, TableMaintenance.Options.defaults());
        Map<String, Long> filesAfter = files(admin, ourPartitions);
        Map<String, double[]> after = time(admin, queries);

        String when = Instant.now().toString().substring(0, 16);
        String setting = String.format(Locale.ROOT, "%,d events, %d days, %s checkpoints, %,.0f events/s offered", sent, covered,
                checkpointInterval, rate);
        List<String> rows = new ArrayList<>();
        for (DashboardQuery q : queries) {
            double[] b = before.get(q.name());
            double[] a = after.get(q.name());
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.0f / %.0f | %.0f / %.0f | %s | %s |", when, q.name(), b[0], b[1], a[0], a[1],
                    setting, machine()));
        }
        for (String table : TABLES) {
            rows.add(String.format(Locale.ROOT, "| %s | data files of `%s` in the period | %,d | %,d | %s | %s |", when, table,
                    filesBefore.get(table), filesAfter.get(table), setting, machine()));
        }
        RESULTS.print(rows);
        RESULTS.append(results, rows);
        return 0;
    }

    static final ResultsTable RESULTS = new ResultsTable("| when (UTC) | query (ms median / max of the timed runs) or file count "
            + "| before maintenance | after maintenance | input | machine |", "|---|---|---|---|---|---|",
            "<!-- bench/dashboards adds rows above this line -->");

    /** Starts both jobs following Kafka, streams the period at the chosen pace, and cancels them once every event is committed. */
    private long stream(LeaderlensConfig conf, String run) throws Exception {
        Map<TopicPartition, Long> start = KafkaOffsets.endOffsets(conf.get("kafka.bootstrap-servers"), JobRuntime.eventTopics(conf));
        LeaderMetricsRunner metrics = new LeaderMetricsRunner(conf);
        StreamExecutionEnvironment metricsEnv = metrics.environment();
        metrics.build(metricsEnv, false, start);
        FraudScoringRunner fraud = new FraudScoringRunner(conf);
        StreamExecutionEnvironment fraudEnv = fraud.environment();
        fraud.build(fraudEnv, false, start);
        JobClient metricsJob = metricsEnv.executeAsync("bench-dashboards-metrics-" + run);
        JobClient fraudJob = fraudEnv.executeAsync("bench-dashboards-fraud-" + run);
        try {
            SimulationOptions d = SimulationOptions.defaults(seed, events, days);
            SimulationOptions options = new SimulationOptions(seed, events, days, firstDay, ZoneId.of(conf.get("timezone")), d.maxJitterMillis(),
                    d.duplicateRate(), true);
            System.out.printf(Locale.ROOT, "bench: streaming %,d events over up to %d simulated days at %,.0f events/s (about %.0f minutes)%n",
                    events, days, rate, events / rate / 60);
            long sent = CliContext.simulations(conf).toKafka(options, Files.createTempFile("bench-dashboards-labels", ".jsonl"), rate);
            try (Admin kafka = Admin.create(MeasureJob.adminProperties(conf))) {
                for (String group : List.of(conf.get("job.consumer-group"), conf.get("fraud.consumer-group"))) {
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                    while (MeasureJob.committed(kafka, group, start) < sent) {
                        if (System.nanoTime() > deadline || metricsJob.getJobExecutionResult().isDone() || fraudJob.getJobExecutionResult().isDone()) {
                            throw new IllegalStateException("the jobs did not commit all " + sent + " events (consumer group " + group + ")");
                        }
                        Thread.sleep(1_000);
                    }
                }
            }
            // the source commits its offsets when a checkpoint completes, beside the Iceberg commits of that checkpoint
            Thread.sleep(3 * conf.getDuration("job.checkpoint-interval").toMillis());
            System.out.println("bench: both jobs committed all " + sent + " events");
            return sent;
        } finally {
            metricsJob.cancel().get(1, TimeUnit.MINUTES);
            fraudJob.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** Data files per table in the benchmark's days (other runs' days in the same tables are not counted). */
    private static Map<String, Long> files(Trino admin, String ourPartitions) throws Exception {
        Map<String, Long> files = new LinkedHashMap<>();
        for (String table : TABLES) {
            files.put(table, Long.parseLong(admin.query("SELECT count(*) FROM " + SCHEMA + ".\"" + table + "$files\" WHERE "
                    + ourPartitions).rows().get(0).get(0)));
        }
        return files;
    }

    /** Median and max milliseconds of each query over {@code repeat} runs after one warm-up. */
    private Map<String, double[]> time(Trino admin, List<DashboardQuery> queries) throws Exception {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (DashboardQuery q : queries) {
            int rows = admin.query(q.sql()).rows().size(); // warm-up: plans cached, metadata files read once
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                admin.query(q.sql());
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            out.put(q.name(), new double[] {ms[repeat / 2], ms[repeat - 1]});
            System.out.printf(Locale.ROOT, "bench: %s: %,d rows, median %.0f ms, max %.0f ms%n", q.name(), rows, ms[repeat / 2], ms[repeat - 1]);
        }
        return out;
    }

    /** SQL: the day column between two days, both included. */
    private static String daysBetween(String column, LocalDate from, LocalDate to) {
        return column + " BETWEEN DATE '" + from + "' AND DATE '" + to + "'";
    }

    /** The machine column of the latency and dashboard tables: cores and JDK. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardBench()).execute(args));
    }
}
