package io.leaderlens.chaos;

import io.leaderlens.services.Simulations;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.cli.CliContext;
import io.leaderlens.cli.RateCardTable;
import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.deploy.JobDeployment;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.jobs.runtime.SessionCluster;
import io.leaderlens.services.SettlementService;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.CatalogFaultProxy;
import io.leaderlens.stack.LocalFlinkCluster;
import io.leaderlens.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A chaos run: a seeded simulation streams into Kafka while the jobs run on the local Flink session cluster, and
 * the faults of a {@link ChaosPlan} strike them one after another — the leader metrics and fraud scoring jobs
 * while the events stream in, then the commission job over the same events and the alerts the fraud job raised
 * (commission holds follow alerts, so the commission job reads them after they are all out: #14 is about raising
 * them sooner). Each phase ends by draining its jobs (stop-with-savepoint to the end of event time, what a bounded
 * run does at its end); then every week is settled, one settle process killed as it commits and run again, and
 * {@link ChaosChecks} compares every table and output topic with the recomputation from the JSON lines.
 */
public final class ChaosRun {
    /**
     * @param firstDay the first simulated day; chaos runs use days no other run uses (their figures are compared
     *                 day by day and leader by leader)
     */
    /**
     * @param rate events per second streamed into Kafka (null: as fast as possible); paced, the input keeps flowing
     *             while the first faults strike
     */
    public record Options(long seed, long events, int days, LocalDate firstDay, int faults, long maxDelayMillis, Double rate, Path workDir) {
        public Options {
            requireNonNull(firstDay, "firstDay");
            requireNonNull(workDir, "workDir");
            if (events < 1_000 || days < 1) {
                throw new IllegalArgumentException("a chaos run needs at least 1,000 events and one day, got " + events + " events, " + days + " days");
            }
        }
    }

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(3);
    private static final Duration FAULT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(14);
    private static final Duration RESTART_MAX_BACKOFF = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderlensConfig stackConfig;
    private final LocalFlinkCluster cluster;
    private final LocalStack stack;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param stackConfig the configuration with the running stack's endpoints and the cluster target
     * @param cluster     the session cluster the jobs run on ({@code ./leaderlens cluster up})
     */
    public ChaosRun(LeaderlensConfig stackConfig, LocalFlinkCluster cluster, LocalStack stack, Consumer<String> log) {
        this.stackConfig = requireNonNull(stackConfig, "stackConfig");
        this.cluster = requireNonNull(cluster, "cluster");
        this.stack = requireNonNull(stack, "stack");
        this.log = requireNonNull(log, "log");
    }

    public ChaosReport run(Options options) throws Exception {
        ChaosPlan plan = ChaosPlan.draw(options.seed(), options.faults(), options.maxDelayMillis());
        Random random = new Random(options.seed() ^ 0x5DEECE66DL);
        long started = System.currentTimeMillis();
        ZoneId zone = stackConfig.getZone("timezone");
        Files.createDirectories(options.workDir());
        List<ChaosReport.StruckFault> struck = new ArrayList<>();

        SimulationOptions d = SimulationOptions.defaults(options.seed(), options.events(), options.days());
        SimulationOptions simulation = new SimulationOptions(options.seed(), options.events(), options.days(), options.firstDay(), zone,
                d.maxJitterMillis(), d.duplicateRate(), true);
        Path files = options.workDir().resolve("simulation");
        log.accept("chaos: simulating " + options.events() + " events (seed " + options.seed() + ") into " + files + " for the recomputation");
        Simulations.toFiles(simulation, files);

        String bootstrap = stackConfig.get("kafka.bootstrap-servers");
        List<String> eventTopics = JobRuntime.eventTopics(stackConfig);
        Map<TopicPartition, Long> start = new HashMap<>(KafkaOffsets.endOffsets(bootstrap, eventTopics));
        start.putAll(KafkaOffsets.endOffsets(bootstrap, CommissionRunner.controlTopics(stackConfig)));
        Map<TopicPartition, Long> outputStart = KafkaOffsets.endOffsets(bootstrap,
                List.of(stackConfig.get("topics.fraud-alerts"), stackConfig.get("topics.fraud-alerts-early"),
                        stackConfig.get("topics.commission-rates")));
        // credit every refund window of the simulated days: as of a protection window (and a day) after the last one
        long asOf = options.firstDay().plusDays(options.days() + 1).atStartOfDay(zone).toInstant()
                .plus(stackConfig.getDuration("commissions.protection-window")).toEpochMilli();

        String run = "chaos-" + options.seed() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (CatalogFaultProxy proxy = new CatalogFaultProxy(URI.create(stackConfig.get("catalog.uri")), log)) {
            LeaderlensConfig jobConfig = stackConfig.with("job.target", "cluster")
                    .with("catalog.uri", proxy.uri().toString())
                    .with("job.checkpoint-interval", CHECKPOINT_INTERVAL.toString())
                    // the cluster profile's backend: at a million events the commission ledger on the heap left a
                    // restarted TaskManager in GC pauses longer than its heartbeat, failing over again and again
                    .with("job.state-backend", "rocksdb")
                    // a drain fires every timer the job holds (the commission job's refund windows of a million
                    // events took 9 minutes here); its savepoint completes after that
                    .with("job.checkpoint-timeout", DRAIN_TIMEOUT.toString())
                    // faults strike back to back here, each a few seconds after the last recovery: far denser than the
                    // stable period after which the restart budget starts again, so the budget is sized for the run
                    .with("job.restart-attempts", Integer.toString(10 * (options.faults() + 5)))
                    // and the backoff, which climbs with every restart until five stable minutes pass, would reach its
                    // 30 s ceiling within the run: each recovery then measured the backoff ladder more than the job
                    .with("job.restart-max-backoff", RESTART_MAX_BACKOFF.toString())
                    // no partition turns idle before the drain: a drain after that loses the windows it should close
                    // on Flink 2.1.2 (the end-of-time watermark is lost behind idle inputs; docs/cluster.md)
                    .with("job.idleness", "PT1H")
                    .with("job.consumer-group", run + "-metrics")
                    .with("fraud.consumer-group", run + "-fraud")
                    .with("commissions.consumer-group", run + "-commissions")
                    .with("commissions.as-of", Instant.ofEpochMilli(asOf).toString());
            JobDeployment deployment = new JobDeployment(jobConfig, log);
            JobRuntime runtime = new JobRuntime(jobConfig);
            Faults faults = new Faults(proxy, deployment, random);
            List<String> allJobIds = new ArrayList<>();

            // phase 1: the metrics and fraud jobs while the simulation streams into Kafka
            Map<String, String> running = new LinkedHashMap<>();
            try {
                for (String job : List.of(LeaderMetricsRunner.JOB_NAME, FraudScoringRunner.JOB_NAME)) {
                    running.put(job, deployment.submit(job, null, start).getJobID().toString());
                }
                log.accept("chaos: " + running + " submitted; streaming the simulation into Kafka");
                CompletableFuture<Long> streaming = CompletableFuture.supplyAsync(() -> {
                    try {
                        return CliContext.simulations(stackConfig).toKafka(simulation, options.workDir().resolve("labels.jsonl"), options.rate());
                    } catch (Exception e) {
                        throw new IllegalStateException("streaming the simulation into Kafka failed: " + e.getMessage(), e);
                    }
                });
                struck.addAll(faults.strike(ChaosPlan.Phase.STREAM, plan.streamPhase(), running, started));
                streaming.get(30, TimeUnit.MINUTES);
                Map<TopicPartition, Long> inputEnd = KafkaOffsets.endOffsets(bootstrap, eventTopics);
                // the fraud and commission jobs read the events at leaders; the metrics job the campaigns too
                Map<TopicPartition, Long> leaderInputEnd = KafkaOffsets.endOffsets(bootstrap, JobRuntime.leaderEventTopics(stackConfig));
                awaitConsumed(jobConfig.get("job.consumer-group"), start, inputEnd);
                awaitConsumed(jobConfig.get("fraud.consumer-group"), start, leaderInputEnd);
                drain(runtime, running);
                allJobIds.addAll(faults.jobIds());

                // phase 2: the commission job over the same events and the alerts, settled week by week
                RateCardTable.record(stackConfig, new CommissionRunner(jobConfig).settings().calculator().card());
                // the alerts topic is written in transactions: its end lies past commit markers no consumer position reaches
                Map<TopicPartition, Long> alertsEnd = KafkaOffsets.afterLastRecords(bootstrap, KafkaOffsets.ofTopic(start, stackConfig.get("topics.fraud-alerts")));
                running.clear();
                running.put(CommissionRunner.JOB_NAME, deployment.submit(CommissionRunner.JOB_NAME, null, start).getJobID().toString());
                faults.resetJobIds();
                struck.addAll(faults.strike(ChaosPlan.Phase.PAY, plan.payPhase(), running, started));
                awaitConsumed(jobConfig.get("commissions.consumer-group"), start, leaderInputEnd);
                awaitConsumed(jobConfig.get("commissions.consumer-group") + "-alerts", start, alertsEnd);
                drain(runtime, running);
                allJobIds.addAll(faults.jobIds());
            } catch (Exception | Error e) {
                cancel(runtime, running); // a failed run leaves no job behind restarting against the closed proxy
                throw e;
            }

            List<SettlementPeriod> weeks = new ArrayList<>();
            for (LocalDate week = SettlementPeriod.weekOf(options.firstDay()).firstDay();
                    week.atStartOfDay(zone).toInstant().toEpochMilli() < asOf; week = week.plusWeeks(1)) {
                weeks.add(SettlementPeriod.weekOf(week));
            }
            struck.addAll(settleWithAKill(weeks, plan.settlementKills(), options.workDir(), started, random));

            ChaosChecks checks = new ChaosChecks(stackConfig, CliContext.trino(stackConfig), files.resolve("events.jsonl"), options, asOf,
                    outputStart, allJobIds, weeks, log);
            return new ChaosReport(options, struck, checks.all(), System.currentTimeMillis() - started);
        }
    }

    /** Waits until the group has read every partition that got input past its start. */
    private void awaitConsumed(String group, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long lastLog = 0;
        while (true) {
            Map<TopicPartition, Long> committed = KafkaOffsets.committedOffsets(stackConfig.get("kafka.bootstrap-servers"), group);
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                long from = start.getOrDefault(e.getKey(), 0L);
                if (e.getValue() > from) {
                    behind += e.getValue() - Math.max(from, committed.getOrDefault(e.getKey(), from));
                }
            }
            if (behind <= 0) {
                log.accept("chaos: consumer group " + group + " has read all its input");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer group " + group + " is still " + behind + " records behind after 30 minutes");
            }
            if (System.nanoTime() - lastLog > Duration.ofSeconds(15).toNanos()) {
                log.accept("chaos: consumer group " + group + " is " + behind + " records behind");
                lastLog = System.nanoTime();
            }
            Thread.sleep(1_000);
        }
    }

    private void cancel(JobRuntime runtime, Map<String, String> running) {
        try (SessionCluster jobs = new SessionCluster(runtime.restAddress())) {
            for (Map.Entry<String, String> job : running.entrySet()) {
                if (!jobs.status(job.getValue()).isGloballyTerminalState()) {
                    jobs.cancel(job.getValue());
                    log.accept("chaos: " + job.getKey() + " (job " + job.getValue() + ") cancelled: the run failed");
                }
            }
        } catch (Exception e) {
            log.accept("chaos: could not cancel the run's jobs " + running + ": " + e.getMessage());
        }
    }

    /** Stops each job as if its input ended (end-of-time watermark, every window fires) and waits for it to finish. */
    private void drain(JobRuntime runtime, Map<String, String> running) throws Exception {
        try (SessionCluster jobs = new SessionCluster(runtime.restAddress())) {
            for (Map.Entry<String, String> job : running.entrySet()) {
                String savepoint = jobs.drain(job.getValue(), runtime.savepointDirectory(), DRAIN_TIMEOUT);
                log.accept("chaos: " + job.getKey() + " (job " + job.getValue() + ") drained into " + savepoint);
            }
        }
    }

    /**
     * Settles the weeks in order; from a seeded week on, the next {@code kills} weeks that have something to settle
     * are first settled by a {@code ./leaderlens settle} process killed with SIGKILL as it commits, then settled again.
     */
    private List<ChaosReport.StruckFault> settleWithAKill(List<SettlementPeriod> weeks, int kills, Path workDir, long started, Random random)
            throws Exception {
        SettlementService settlement = CliContext.settlement(stackConfig);
        List<ChaosReport.StruckFault> struck = new ArrayList<>();
        int firstTarget = random.nextInt(Math.max(1, weeks.size() / 2));
        int killsLeft = kills;
        Path configFile = stackConfig.writeTo(workDir.resolve("settle.properties"), "the chaos run's stack, for the settle process it kills");
        for (int i = 0; i < weeks.size(); i++) {
            SettlementPeriod week = weeks.get(i);
            if (killsLeft > 0 && i >= firstTarget) {
                long at = System.currentTimeMillis();
                boolean reachedCommit = killSettleWhileCommitting(week, configFile);
                SettlementService.Summary again = settlement.settle(week, System.currentTimeMillis());
                if (reachedCommit) {
                    killsLeft--;
                    log.accept("chaos: " + week.name() + " settled again after the kill: " + again.statements() + " statements"
                            + (again.alreadySettled() ? " (the killed run's commit had landed)" : ""));
                    struck.add(new ChaosReport.StruckFault(FaultKind.SETTLEMENT_KILLED, ChaosPlan.Phase.PAY, at - started,
                            "settle " + week.name() + " as it committed", System.currentTimeMillis() - at));
                } else {
                    log.accept("chaos: " + week.name() + " had nothing to settle; the kill moves to the next week");
                }
            } else {
                SettlementService.Summary summary = settlement.settle(week, System.currentTimeMillis());
                log.accept("chaos: " + week.name() + " settled: " + summary.statements() + " statements");
            }
        }
        if (killsLeft > 0) {
            log.accept("chaos: no settle run from week " + weeks.get(firstTarget).name() + " on reached its commit; " + killsLeft + " kill(s) not struck");
        }
        return struck;
    }

    private boolean killSettleWhileCommitting(SettlementPeriod week, Path configFile) throws Exception {
        boolean committing = KilledSettlement.run(week, configFile).killedWhileCommitting();
        log.accept("chaos: settle " + week.name() + (committing ? " killed (SIGKILL) as it committed" : " ended before its commit"));
        return committing;
    }

    /** Strikes faults at running jobs and waits for their recovery; follows the job ids through resubmissions. */
    private final class Faults {
        private final CatalogFaultProxy proxy;
        private final JobDeployment deployment;
        private final Random random;
        private final List<String> jobIds = new ArrayList<>();

        Faults(CatalogFaultProxy proxy, JobDeployment deployment, Random random) {
            this.proxy = proxy;
            this.deployment = deployment;
            this.random = random;
        }

        List<String> jobIds() {
            return List.copyOf(jobIds);
        }

        void resetJobIds() {
            jobIds.clear();
        }

        List<ChaosReport.StruckFault> strike(ChaosPlan.Phase phase, List<ChaosPlan.Strike> strikes, Map<String, String> running, long started)
                throws Exception {
            jobIds.addAll(running.values());
            awaitCheckpointsAfter(running, 0); // any completed checkpoint: the jobs run
            List<ChaosReport.StruckFault> struck = new ArrayList<>();
            for (ChaosPlan.Strike strike : strikes) {
                Thread.sleep(strike.delayMillis());
                long at = System.currentTimeMillis();
                log.accept("chaos: " + phase + " " + strike.kind() + ": " + strike.kind().description());
                String target = inject(strike.kind(), running);
                long back = System.currentTimeMillis();
                awaitCheckpointsAfter(running, back);
                long recovered = System.currentTimeMillis() - at;
                log.accept(String.format(java.util.Locale.ROOT, "chaos: %s on %s recovered after %.1f s", strike.kind(), target, recovered / 1000.0));
                struck.add(new ChaosReport.StruckFault(strike.kind(), phase, at - started, target, recovered));
            }
            return struck;
        }

        /** Strikes; returns once the broken part is back (the jobs may still be restarting). */
        private String inject(FaultKind kind, Map<String, String> running) throws Exception {
            switch (kind) {
                case TASK_MANAGER_KILLED -> {
                    List<String> jobs = new ArrayList<>(running.values());
                    String jobId = jobs.get(random.nextInt(jobs.size()));
                    String taskManager = taskManagerRunning(jobId);
                    ProcessHandle process = cluster.process(taskManager).orElseThrow(() -> new IllegalStateException(taskManager + " is not running"));
                    process.destroyForcibly();
                    process.onExit().get(1, TimeUnit.MINUTES);
                    cluster.up();
                    return taskManager + " (running job " + jobId + ")";
                }
                case JOB_MANAGER_KILLED -> {
                    ProcessHandle jobManager = cluster.process(LocalFlinkCluster.JOB_MANAGER)
                            .orElseThrow(() -> new IllegalStateException("the JobManager is not running"));
                    jobManager.destroyForcibly();
                    jobManager.onExit().get(1, TimeUnit.MINUTES);
                    cluster.up();
                    for (Map.Entry<String, String> job : running.entrySet()) {
                        String resumed = deployment.resume(job.getKey()).getJobID().toString();
                        job.setValue(resumed);
                        jobIds.add(resumed);
                    }
                    return LocalFlinkCluster.JOB_MANAGER + " (jobs resumed as " + running.values() + ")";
                }
                case KAFKA_STOPPED -> {
                    return restart("kafka", false);
                }
                case CATALOG_KILLED -> {
                    return restart("catalog", true);
                }
                case COMMIT_RESPONSE_LOST -> {
                    return throughProxy(CatalogFaultProxy.Fault.DROP_RESPONSE);
                }
                case COMMIT_HELD_ACROSS_RESTART -> {
                    return throughProxy(CatalogFaultProxy.Fault.HOLD_UNTIL_NEXT_COMMIT);
                }
                default -> throw new IllegalArgumentException(kind + " does not strike jobs");
            }
        }

        private String restart(String service, boolean kill) throws Exception {
            ProcessHandle process = stack.process(service).orElseThrow(() -> new IllegalStateException(service + " is not running"));
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.onExit().get(2, TimeUnit.MINUTES);
            Thread.sleep(3_000); // down long enough for the jobs to notice
            CliContext.localPlatform(stackConfig).restartStoppedServices();
            return service + " (pid " + process.pid() + ")";
        }

        private String throughProxy(CatalogFaultProxy.Fault fault) throws Exception {
            int before = proxy.injected().size();
            // a table one job writes, committed at every checkpoint: dead_letters (two jobs, rare commits) may see no
            // commit while the fault waits
            proxy.arm(fault, table -> !table.equals("dead_letters"));
            long deadline = System.nanoTime() + FAULT_TIMEOUT.toNanos();
            while (proxy.isArmed()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(fault + " armed for " + FAULT_TIMEOUT + " and no commit came");
                }
                Thread.sleep(200);
            }
            CatalogFaultProxy.Injected injected = proxy.injected().get(before);
            return "a commit to " + injected.table();
        }

        /** Every job has completed a checkpoint triggered after {@code since}: it runs and its sinks commit. */
        private void awaitCheckpointsAfter(Map<String, String> running, long since) throws Exception {
            long deadline = System.nanoTime() + FAULT_TIMEOUT.toNanos();
            for (String jobId : running.values()) {
                while (true) {
                    JsonNode latest = getJson("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
                    if (!latest.isMissingNode() && !latest.isNull() && latest.path("trigger_timestamp").asLong() > since) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("job " + jobId + " completed no checkpoint within " + FAULT_TIMEOUT + " of the fault");
                    }
                    Thread.sleep(500);
                }
            }
        }

        private String taskManagerRunning(String jobId) throws Exception {
            String vertex = getJson("/jobs/" + jobId).path("vertices").path(0).path("id").asText();
            return getJson("/jobs/" + jobId + "/vertices/" + vertex + "/taskmanagers").path("taskmanagers").path(0).path("taskmanager-id").asText();
        }
    }

    /** A GET on the cluster's REST API; a missing node while the JobManager is away (the callers retry). */
    private JsonNode getJson(String path) throws Exception {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.missingNode();
        } catch (java.io.IOException e) {
            return JSON.missingNode();
        }
    }
}
