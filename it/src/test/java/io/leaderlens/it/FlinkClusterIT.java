package io.leaderlens.it;

import io.leaderlens.services.Simulations;
import io.leaderlens.recompute.Recomputation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.deploy.JobDeployment;
import io.leaderlens.jobs.deploy.LeaderMetricsMain;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.jobs.runtime.SessionCluster;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.FlinkClusterArtifacts;
import io.leaderlens.stack.LocalFlinkCluster;
import io.leaderlens.stack.StackPorts;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The standalone session cluster of {@code ./leaderlens cluster up} (a JobManager and two TaskManagers, each its own
 * JVM) on the shared stack, and the leader metrics job submitted to it as the job jar: the results equal the
 * independent recomputation, as they do on the MiniCluster; an upgrade through a savepoint and the jar run as Flink
 * starts it. The faults (processes killed, services stopped, commits broken) strike all three jobs in {@link ChaosIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the shape of the cluster is checked before the jobs use it
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class FlinkClusterIT {
    /** apart from every other IT's days */
    private static final LocalDate FIRST_DAY = LocalDate.of(2033, 5, 2);
    private static final long SEED = 33;

    private LeaderlensConfig config;
    private LocalFlinkCluster cluster;

    @BeforeAll
    void startTheCluster() throws Exception {
        StackPorts free = StackPorts.free();
        config = SharedStack.config()
                .with("stack.flink-rest-port", String.valueOf(free.kafka()))
                .with("stack.flink-rpc-port", String.valueOf(free.catalog()))
                .with("stack.flink-taskmanager-memory-mb", "1200")
                .with("job.target", "cluster");
        cluster = CliContext.flinkCluster(config);
        cluster.down(); // leftovers of an interrupted run
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::down, "stop-flink-cluster"));
        cluster.up();
    }

    @AfterAll
    void stopTheCluster() {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    @Order(1)
    void theClusterIsAJobManagerAndTwoTaskManagersInTheirOwnProcessesWithTheWebUi() throws Exception {
        long self = ProcessHandle.current().pid();
        Set<Long> pids = new HashSet<>();
        for (String name : List.of(LocalFlinkCluster.JOB_MANAGER, cluster.taskManagerNames().get(0), cluster.taskManagerNames().get(1))) {
            long pid = cluster.process(name).orElseThrow(() -> new AssertionError(name + " is not running")).pid();
            assertThat(pid).isNotEqualTo(self);
            pids.add(pid);
        }
        assertThat(pids).hasSize(3);
        JsonNode overview = getJson("/overview");
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(2);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        HttpResponse<String> ui = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).as("the web UI's page").containsIgnoringCase("<html").contains("Apache Flink");
        assertThat(getJson("/config").path("features").path("web-submit").asBoolean()).as("jars can be uploaded").isTrue();
    }

    @Test
    void theJobJarCarriesTheJobsAndTheirConnectorsButNothingTheClusterHas() throws Exception {
        Set<String> clusterClasses = new HashSet<>();
        for (String entry : FlinkClusterArtifacts.fromBuild().classpath().split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    jar.stream().map(ZipEntry::getName).filter(FlinkClusterIT::isClass).forEach(clusterClasses::add);
                }
            }
        }
        assertThat(clusterClasses).contains("org/apache/flink/runtime/taskexecutor/TaskManagerRunner.class");
        Set<String> jobClasses = new HashSet<>();
        try (JarFile jar = new JarFile(new JobRuntime(config).jobJar().toFile())) {
            jar.stream().map(ZipEntry::getName).filter(FlinkClusterIT::isClass).forEach(jobClasses::add);
        }
        assertThat(jobClasses).contains(
                "io/leaderlens/jobs/leadermetrics/LeaderMetricsJob.class",
                "io/leaderlens/jobs/fraudscoring/FraudScoringJob.class",
                "io/leaderlens/jobs/commissions/CommissionJob.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/iceberg/flink/sink/FlinkSink.class");
        Set<String> twice = new HashSet<>(jobClasses);
        twice.retainAll(clusterClasses);
        assertThat(twice).as("classes in the job jar that the cluster has too (a second copy that could clash)").isEmpty();
    }

    @Test
    void theLeaderMetricsJobOnTheClusterEqualsTheRecomputation() throws Exception {
        Input input = simulate(FIRST_DAY, SEED, 20_000, 1, "target/it-cluster");
        LeaderMetricsRunner runner = new LeaderMetricsRunner(config.with("job.consumer-group", "it-cluster-" + UUID.randomUUID()));
        StreamExecutionEnvironment env = runner.environment();
        runner.build(env, true, input.start());
        JobExecutionResult result = env.execute(LeaderMetricsRunner.JOB_NAME);

        assertThat(getJson("/jobs/overview").path("jobs").findValuesAsText("jid")).as("the job ran on the cluster, not in this JVM")
                .contains(result.getJobID().toString());
        assertDailyFiguresEqualTheRecomputation(input, 10); // bounded: every day closed at the end of the input
    }

    /**
     * An upgrade as {@code ./leaderlens upgrade} does it: the following job is stopped with a savepoint mid-stream
     * and this build resumes from it. The days that closed after the upgrade hold exactly the recomputed figures,
     * and neither job committed a checkpoint twice.
     */
    @Test
    void anUpgradeThroughASavepointLosesAndDoublesNothing() throws Exception {
        Input input = simulate(LocalDate.of(2033, 11, 1), SEED + 2, 120_000, 3, "target/it-cluster-upgrade");
        JobDeployment deployment = new JobDeployment(config.with("job.consumer-group", "it-cluster-upgrade-" + UUID.randomUUID())
                .with("job.checkpoint-interval", "PT2S"), message -> { });
        String first = deployment.submit(LeaderMetricsRunner.JOB_NAME, null, input.start()).getJobID().toString();
        awaitCompletedCheckpoints(first, 1);
        JobDeployment.Upgrade upgrade = deployment.upgrade(LeaderMetricsRunner.JOB_NAME);
        assertThat(upgrade.oldJobId()).isEqualTo(first);
        assertThat(getJson("/jobs/" + first).path("state").asText()).isEqualTo("FINISHED");

        awaitClosedDaysThenCancel(input, 2, upgrade.newJobId());
        assertDailyFiguresEqualTheRecomputation(input, 2);
        assertNoCheckpointCommittedTwice("leader_metrics_minute", first, upgrade.newJobId());
    }

    /**
     * A following job drained once its input is read ({@code stop-with-savepoint --drain}, as the chaos run ends its
     * phases): the end-of-time watermark closes the last day too, as the end of a bounded run does. (Before its
     * partitions turn idle: drained after that, Flink 2.1.2 loses the windows the drain should close — docs/cluster.md.)
     */
    @Test
    void aFollowingJobDrainedAfterItsInputClosesEveryDay() throws Exception {
        Input input = simulate(LocalDate.of(2034, 3, 1), SEED + 9, 40_000, 2, "target/it-cluster-drain");
        String group = "it-cluster-drain-" + UUID.randomUUID();
        JobDeployment deployment = new JobDeployment(config.with("job.consumer-group", group).with("job.checkpoint-interval", "PT2S")
                .with("job.idleness", "PT10M"), message -> { });
        String jid = deployment.submit(LeaderMetricsRunner.JOB_NAME, null, input.start()).getJobID().toString();
        Map<TopicPartition, Long> end = JobRuns.snapshotOffsets(config);
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(4).toNanos();
        while (true) {
            Map<TopicPartition, Long> committed = io.leaderlens.jobs.io.KafkaOffsets.committedOffsets(config.get("kafka.bootstrap-servers"), group);
            if (end.entrySet().stream().filter(e -> e.getValue() > input.start().getOrDefault(e.getKey(), 0L))
                    .allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
                break;
            }
            assertThat(System.nanoTime()).as("job " + jid + " reads its input").isLessThan(deadline);
            Thread.sleep(500);
        }
        JobRuntime runtime = new JobRuntime(config);
        try (SessionCluster jobs = new SessionCluster(runtime.restAddress())) {
            jobs.drain(jid, runtime.savepointDirectory());
        }
        assertThat(getJson("/jobs/" + jid).path("state").asText()).isEqualTo("FINISHED");
        assertDailyFiguresEqualTheRecomputation(input, 10);
    }

    /**
     * The job jar's main class, as the Kubernetes operator's application cluster starts it, here through the session
     * cluster's own jar upload and run (the web UI's "Submit New Job"): the job follows its topics from the consumer
     * group's offsets, and the day it closes equals the recomputation.
     */
    @Test
    void theJobJarsMainClassRunsTheJobWhenFlinkStartsIt() throws Exception {
        String group = "it-cluster-main-" + UUID.randomUUID();
        LeaderlensConfig jobConfig = config.with("job.consumer-group", group).with("job.checkpoint-interval", "PT2S");
        // a new group would start at the topics' beginning: point it at their end, so it reads only this test's world
        Map<TopicPartition, Long> end = JobRuns.snapshotOffsets(config);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap-servers")))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            end.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(group, offsets).all().get(1, TimeUnit.MINUTES);
        }
        Path configFile = SharedStack.writeConfig(jobConfig, Path.of("target/it-cluster-main.properties"));

        String jarId = uploadJobJar();
        ObjectNode run = new ObjectMapper().createObjectNode()
                .put("entryClass", LeaderMetricsMain.class.getName()).put("parallelism", 2);
        run.putArray("programArgsList").add("--config").add(configFile.toString()).add("--profile").add("local");
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(run.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as("jar run: " + started.body()).isEqualTo(200);
        String jid = new ObjectMapper().readTree(started.body()).path("jobid").asText();
        assertThat(getJson("/jobs/" + jid).path("name").asText()).isEqualTo(LeaderMetricsRunner.JOB_NAME);

        Input input = simulate(LocalDate.of(2034, 5, 1), SEED + 4, 60_000, 2, "target/it-cluster-main");
        awaitClosedDaysThenCancel(input, 1, jid);
        assertDailyFiguresEqualTheRecomputation(input, 1);
    }

    /** Uploads the job jar as the web UI does (multipart, field "jarfile"); its id on the cluster. */
    private String uploadJobJar() throws Exception {
        Path jar = new JobRuntime(config).jobJar();
        String boundary = "leaderlens-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> uploaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(jar), tail))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as("jar upload: " + uploaded.body()).isEqualTo(200);
        return Path.of(new ObjectMapper().readTree(uploaded.body()).path("filename").asText()).getFileName().toString();
    }

    /** A simulated world on days no other test uses, in JSON lines and in Kafka after {@link #start}. */
    private record Input(LocalDate firstDay, Map<TopicPartition, Long> start, Recomputation expected) {
        String days(int count) {
            return "day >= DATE '" + firstDay + "' AND day < DATE '" + firstDay.plusDays(count) + "'";
        }
    }

    private Input simulate(LocalDate firstDay, long seed, long events, int days, String dir) throws Exception {
        SimulationOptions d = SimulationOptions.defaults(seed, events, days);
        SimulationOptions options = new SimulationOptions(seed, events, days, firstDay, d.zone(), d.maxJitterMillis(),
                d.duplicateRate(), d.fraud());
        Path files = Path.of(dir);
        Simulations.toFiles(options, files);
        Map<TopicPartition, Long> start = JobRuns.snapshotOffsets(config);
        CliContext.simulations(config).toKafka(options, null, null);
        return new Input(firstDay, start, Recomputation.of(files.resolve("events.jsonl"), config.getZone("timezone")));
    }

    /** The first {@code days} days close when later events move the watermark past them; then the job is cancelled. */
    private void awaitClosedDaysThenCancel(Input input, int days, String jobId) throws Exception {
        long wanted = input.expected().figures.keySet().stream().filter(k -> k.day().isBefore(input.firstDay().plusDays(days))).count();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(4).toNanos();
        while (count("SELECT count(*) FROM iceberg.leaderlens.leader_metrics_daily WHERE " + input.days(days)) < wanted) {
            assertThat(System.nanoTime()).as("job " + jobId + " closes the first days").isLessThan(deadline);
            assertThat(getJson("/jobs/" + jobId).path("state").asText()).as("job " + jobId + " runs").isIn("CREATED", "INITIALIZING", "RUNNING");
            Thread.sleep(1_000);
        }
        try (SessionCluster jobs = new SessionCluster(new JobRuntime(config).restAddress())) {
            jobs.cancel(jobId);
        }
    }

    /** Each leader's net GMV, orders and buyers of the first {@code days} days, one row each, as recomputed. */
    private void assertDailyFiguresEqualTheRecomputation(Input input, int days) throws Exception {
        Map<Recomputation.Key, List<Long>> actual = new TreeMap<>();
        for (List<String> row : CliContext.trino(config).query("SELECT leader_id, day, net_gmv_cents, orders, buyers "
                + "FROM iceberg.leaderlens.leader_metrics_daily WHERE " + input.days(days)).rows()) {
            assertThat(actual.put(new Recomputation.Key(row.get(0), LocalDate.parse(row.get(1))),
                    List.of(Long.parseLong(row.get(2)), Long.parseLong(row.get(3)), Long.parseLong(row.get(4)))))
                    .as("one row per leader and day").isNull();
        }
        Map<Recomputation.Key, List<Long>> recomputed = new TreeMap<>();
        input.expected().figures.forEach((key, f) -> {
            if (key.day().isBefore(input.firstDay().plusDays(days))) {
                recomputed.put(key, List.of(f.netCents(), f.orders, (long) f.buyers.size()));
            }
        });
        assertThat(recomputed).hasSizeGreaterThan(10);
        assertThat(actual).isEqualTo(recomputed);
    }

    /**
     * Iceberg's Flink committer records the job and checkpoint of every commit in the snapshot's summary: no pair
     * may appear twice. (What a job stopped with a savepoint had not committed yet, the job resumed from it commits,
     * so a commit may carry either job's id.)
     */
    private void assertNoCheckpointCommittedTwice(String table, String... jobIds) throws Exception {
        List<List<String>> commits = CliContext.trino(config).query("SELECT summary['flink.job-id'], summary['flink.max-committed-checkpoint-id'] "
                + "FROM iceberg.leaderlens.\"" + table + "$snapshots\" WHERE summary['flink.job-id'] IN ('" + String.join("', '", jobIds)
                + "') AND operation = 'append'").rows();
        assertThat(commits).as("the jobs committed to " + table).isNotEmpty();
        assertThat(commits).as("no checkpoint committed twice to " + table).doesNotHaveDuplicates();
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(CliContext.trino(config).query(sql).rows().get(0).get(0));
    }

    /** A class a class loader would find by its name (not module descriptors or Java-version variants under META-INF). */
    private static boolean isClass(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/");
    }

    private void awaitCompletedCheckpoints(String jid, int wanted) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (getJson("/jobs/" + jid + "/checkpoints").path("counts").path("completed").asInt() < wanted) {
            assertThat(System.nanoTime()).as("a checkpoint of " + jid + " completes").isLessThan(deadline);
            assertThat(getJson("/jobs/" + jid).path("state").asText()).as("the job still runs").isIn("CREATED", "INITIALIZING", "RUNNING");
            Thread.sleep(200);
        }
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.restUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
