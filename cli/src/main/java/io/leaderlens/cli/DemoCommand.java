package io.leaderlens.cli;

import io.leaderlens.services.Simulations;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.console.ConsoleServer;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.models.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import io.leaderlens.simulator.Difficulty;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.deploy.LeaderlensTables;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Bring the stack up, simulate days of a platform into Kafka, and run every job on them: leader metrics "
                + "(leaderboard from Trino), fraud scoring (newest alerts, measured against the labels), commissions (current rates "
                + "of the top leaders with reasons, settled weekly statements).")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--events", description = "events to simulate (default ${DEFAULT-VALUE})")
    long events = 300_000;

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--days", description = "simulated days; more than the 7-day refund window so commission gets credited "
            + "and settled (default ${DEFAULT-VALUE})")
    int days = 10;

    @Option(names = "--difficulty", description = "realistic (default: fraud hidden as on a real platform, label noise, drift, one "
            + "scenario only in the last quarter; the models are trained on such a world too) or separable (every scenario leaves "
            + "a mark; models reach AUC 1.000)")
    String difficulty = "realistic";

    @Option(names = "--follow", description = "keep running: simulate live at --rate (events stamped when sent: the platform's "
            + "clock is the wall clock), score it for fraud, and refresh today's leaderboard and the alerts as they open and "
            + "update until Ctrl-C")
    boolean follow;

    @Option(names = "--rate", description = "events per second with --follow (default ${DEFAULT-VALUE})")
    double rate = 2_000;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = CliContext.localPlatform(context.rawConfig()).up()
                .with("job.consumer-group", "leaderlens-demo-" + System.currentTimeMillis());
        LeaderlensTables tables = new LeaderlensTables(config.getZone("timezone"));
        IcebergCatalogs.recreateTables(config, tables);
        Log.info("demo starts from empty leaderlens tables");
        Map<TopicPartition, Long> start = KafkaOffsets.endOffsets(config.get("kafka.bootstrap-servers"),
                JobRuntime.eventTopics(config));
        Map<TopicPartition, Long> alertsStart = KafkaOffsets.endOffsets(config.get("kafka.bootstrap-servers"),
                CommissionRunner.controlTopics(config));
        SimulationOptions options = SimulationOptions.defaults(seed, events, days).withDifficulty(Difficulty.parse(difficulty));
        LeaderMetricsRunner runner = new LeaderMetricsRunner(config);
        Trino trino = CliContext.trino(config);
        if (follow) {
            return follow(config, options, runner, start, trino);
        }
        CliContext.simulations(config).toKafka(options, null, null);
        Log.info("running the leader metrics job " + JobLauncher.where(new JobRuntime(config)) + " (bounded: stops at the end of the topics)");
        var result = runner.run(runner.environment(), true, start);
        Log.info("job finished in " + result.getNetRuntime() / 1000.0 + " s");
        printLeaderboard(trino, options.startDay());

        CliContext.fraudModels(config).ensureTrained(CliContext.trainingHistory(config), options.difficulty());
        Log.info("running the fraud scoring job over the same events (bounded)");
        FraudScoringRunner fraud = new FraudScoringRunner(config);
        var fraudResult = fraud.run(fraud.environment(), true, start);
        Log.info("fraud scoring finished in " + fraudResult.getNetRuntime() / 1000.0 + " s");
        printNewestAlerts(trino);
        var labels = CliContext.fraudLabels(config).load(CliContext.dataDir(config).resolve("labels/seed-" + seed + ".jsonl"), "simulator");
        labels.setAside().ifPresent(Log::info);
        Log.info("loaded the simulator's " + labels.added() + " fraud labels into fraud_labels; how the alerts measure against them:");
        System.out.print(Trino.format(trino.query("""
                SELECT coalesce(scenario, '(no label)') AS scenario, count(*) AS alerts, sum(flagged_events) AS flagged_events
                FROM iceberg.leaderlens.v_alert_outcomes GROUP BY 1 ORDER BY 2 DESC"""), false));

        runCommissions(config, options, start, alertsStart);
        printHowToConnect(config);
        return 0;
    }

    private int follow(LeaderlensConfig config, SimulationOptions options, LeaderMetricsRunner runner,
                       Map<TopicPartition, Long> start, Trino trino) throws Exception {
        StreamExecutionEnvironment env = runner.environment();
        runner.build(env, false, start);
        JobClient job = env.executeAsync("leader-metrics");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel().join()));
        CliContext.fraudModels(config).ensureTrained(CliContext.trainingHistory(config), options.difficulty());
        FraudScoringRunner fraud = new FraudScoringRunner(config);
        StreamExecutionEnvironment fraudEnv = fraud.environment();
        fraud.build(fraudEnv, false, start);
        JobClient fraudJob = fraudEnv.executeAsync(FraudScoringRunner.JOB_NAME);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> fraudJob.cancel().join()));
        Thread simulator = new Thread(() -> {
            try {
                // live: every event stamped when sent, so hours and days (and the alerts' hours) are the wall clock's
                CliContext.simulations(config).toKafkaStampedAtSending(options, null, rate);
            } catch (Exception e) {
                Log.info("simulation stopped: " + e.getMessage());
            }
        }, "simulator");
        simulator.setDaemon(true);
        simulator.start();
        printHowToConnect(config);
        ConsoleServer console = DashboardCommand.start(config, config.getInt("console.port"));
        Runtime.getRuntime().addShutdownHook(new Thread(console::close));
        while (true) {
            Thread.sleep(30_000);
            printLiveLeaderboard(trino, LocalDate.now(config.getZone("timezone")));
            printLiveAlerts(trino);
        }
    }

    /** The commission job over the same events and the alerts just raised, then weekly settlements, printed from Trino. */
    private void runCommissions(LeaderlensConfig config, SimulationOptions options, Map<TopicPartition, Long> eventsStart,
                                Map<TopicPartition, Long> alertsStart) throws Exception {
        java.time.ZoneId zone = config.getZone("timezone");
        LocalDate endDay = options.startDay().plusDays(options.days());
        long asOf = endDay.atStartOfDay(zone).toInstant().toEpochMilli();
        Map<TopicPartition, Long> from = new java.util.HashMap<>(eventsStart);
        from.putAll(alertsStart);
        CommissionRunner commissions = new CommissionRunner(config.with("commissions.consumer-group", config.get("job.consumer-group") + "-commissions"));
        RateCardTable.record(config, commissions.settings().calculator().card());
        Log.info("running the commission job (rate card " + commissions.settings().calculator().card().version() + ") over the same events "
                + "and fraud alerts, as of " + endDay);
        var result = commissions.run(commissions.environment(), true, from, asOf);
        Log.info("commission job finished in " + result.getNetRuntime() / 1000.0 + " s");
        Trino trino = CliContext.trino(config);
        System.out.println();
        System.out.println("Current commission rates of the top leaders by net GMV, with the reasons:");
        System.out.print(Trino.format(trino.query("""
                WITH top AS (SELECT leader_id, sum(net_gmv_cents) AS gmv FROM iceberg.leaderlens.leader_metrics_daily
                             GROUP BY leader_id ORDER BY gmv DESC LIMIT 5)
                SELECT r.leader_id, max(r.level) AS level,
                       listagg(r.category || ' ' || format('%.2f', r.rate * 100) || '%', ', ') WITHIN GROUP (ORDER BY r.category) AS rates,
                       substr(max(r.reasons), 1, 120) AS reasons
                FROM iceberg.leaderlens.commission_rates r JOIN top t ON t.leader_id = r.leader_id
                WHERE r.valid_to IS NULL
                GROUP BY r.leader_id ORDER BY max(t.gmv) DESC"""), false));
        String last = null;
        io.leaderlens.services.SettlementService settlement = CliContext.settlement(config);
        for (LocalDate week = io.leaderlens.commissions.settlement.SettlementPeriod.weekOf(options.startDay()).firstDay();
             week.isBefore(endDay); week = week.plusWeeks(1)) {
            var period = io.leaderlens.commissions.settlement.SettlementPeriod.weekOf(week);
            io.leaderlens.services.SettlementService.Summary s = settlement.settle(period, System.currentTimeMillis());
            Log.info(String.format(java.util.Locale.ROOT, "settled %s: %d statements, payout %.2f yuan", s.period(), s.statements(),
                    s.payoutCents() / 100.0));
            last = s.statements() > 0 ? s.period() : last;
        }
        if (last != null) {
            System.out.println();
            System.out.println("Settlement statements of " + last + " (largest payouts), read from Trino:");
            System.out.print(Trino.format(trino.query("""
                    SELECT leader_id, CAST(payout_cents AS DECIMAL(18, 2)) / 100 AS payout_yuan, tier1_cents, tier2_cents, bonus_cents,
                           adjustment_cents, entries
                    FROM iceberg.leaderlens.settlement_statements WHERE period = '%s'
                    ORDER BY payout_cents DESC, leader_id LIMIT 5""".formatted(last)), false));
        }
    }

    static void printLeaderboard(Trino trino, LocalDate day) throws Exception {
        Trino.Result top = trino.query("""
                SELECT rank() OVER (ORDER BY net_gmv_cents DESC, leader_id) AS overall_rank, city, rank AS city_rank,
                       leader_id, CAST(net_gmv_cents AS DECIMAL(20, 2)) / 100 AS net_gmv_yuan, orders, buyers
                FROM iceberg.leaderlens.leaderboard_daily
                WHERE day = DATE '%s'
                ORDER BY net_gmv_cents DESC, leader_id
                LIMIT 10""".formatted(day));
        System.out.println();
        System.out.println("Top-10 leaders by net GMV on " + day + " (all cities), read from Trino:");
        System.out.print(Trino.format(top, false));
    }

    /** Today so far: the minute rows committed at each checkpoint, summed per leader (the daily board comes at day end). */
    static void printLiveLeaderboard(Trino trino, LocalDate day) throws Exception {
        Trino.Result top = trino.query("""
                SELECT rank() OVER (ORDER BY sum(net_gmv_cents) DESC, leader_id) AS live_rank, city, leader_id,
                       CAST(sum(net_gmv_cents) AS DECIMAL(20, 2)) / 100 AS net_gmv_yuan_so_far, sum(orders) AS orders,
                       max(period_end) AS up_to
                FROM iceberg.leaderlens.leader_metrics_minute
                WHERE day = DATE '%s'
                GROUP BY city, leader_id
                ORDER BY sum(net_gmv_cents) DESC, leader_id
                LIMIT 10""".formatted(day));
        System.out.println();
        System.out.println("Live top-10 by net GMV on " + day + " so far (minute windows committed at each checkpoint):");
        System.out.print(Trino.format(top, false));
    }

    static void printNewestAlerts(Trino trino) throws Exception {
        Trino.Result alerts = trino.query("""
                SELECT leader_id, action, flagged_events, round(max_score, 3) AS max_score, model_version,
                       CAST(subsidy_at_risk_cents AS DECIMAL(20, 2)) / 100 AS subsidy_yuan, substr(reasons, 1, 100) AS reasons
                FROM iceberg.leaderlens.fraud_alerts
                ORDER BY rule_violation DESC, flagged_events DESC, period_start DESC
                LIMIT 10""");
        System.out.println();
        System.out.println("Fraud alerts for the risk team (grouped per leader and hour), read from Trino:");
        System.out.print(Trino.format(alerts, false));
    }

    /** The alerts as they stand, open ones first: each refresh shows them gain flagged events, reasons and stronger actions. */
    static void printLiveAlerts(Trino trino) throws Exception {
        Trino.Result alerts = trino.query("""
                SELECT leader_id, status, revision, action, flagged_events, round(max_score, 3) AS max_score,
                       format_datetime(opened_at, 'MM-dd HH:mm:ss') AS opened, substr(reasons, 1, 90) AS reasons
                FROM iceberg.leaderlens.v_fraud_alerts_live
                ORDER BY status = 'CLOSED', period_start DESC, flagged_events DESC, alert_id
                LIMIT 10""");
        System.out.println();
        System.out.println("Fraud alerts as they stand (open ones update as flagged events join; committed at each checkpoint):");
        System.out.print(Trino.format(alerts, false));
    }

    static void printHowToConnect(LeaderlensConfig config) {
        System.out.println();
        System.out.println("Trino JDBC URL: " + config.get("trino.jdbc-url") + "  (user " + config.get("trino.user")
                + ", its password in " + CliContext.localStack(config).security().credentialsFile() + "; catalog iceberg, schema leaderlens)");
        System.out.println("Roles: ./leaderlens sql --role ops|risk|finance \"...\", or --as-leader <leader id> (docs/access.md)");
        System.out.println("Try: ./leaderlens sql \"SELECT * FROM iceberg.leaderlens.v_leaderboard_latest_day ORDER BY city, rank\"");
        System.out.println("Web console: ./leaderlens dashboard, then open http://" + config.get("console.host") + ":"
                + config.get("console.port") + "/ (ops, sales & members, marketing, risk, commissions, and /leaders/<leader id>); demo --follow serves it itself");
        System.out.println("Notebooks: notebooks/ops.ipynb, notebooks/risk-review.ipynb, notebooks/commissions.ipynb "
                + "(views: v_leader_daily, v_funnel_daily, v_top_risky_leaders, v_alert_outcomes, commission_rates, leader_balances, "
                + "v_commission_payouts, ...). Stop the stack with ./leaderlens down");
    }
}
