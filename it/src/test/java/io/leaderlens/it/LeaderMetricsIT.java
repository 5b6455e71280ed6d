package io.leaderlens.it;

import io.leaderlens.cli.CliContext;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.services.Simulations;
import io.leaderlens.recompute.Recomputation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Set;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Fixed seed → real Kafka → the job on a Flink MiniCluster → Iceberg (REST catalog) → Trino over JDBC,
 * compared figure by figure with an independent recomputation from the simulator's JSON lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class LeaderMetricsIT {
    private static final long SEED = 7;
    private static final long EVENTS = 80_000;
    private static final int DAYS = 2;
    /** BadInputIT writes its own events on this day and later; they are not part of this run. */
    private static final String THIS_RUN = "day < DATE '2030-01-01'";

    private LeaderlensConfig config;
    private Trino trino;
    private Recomputation expected;
    private Map<TopicPartition, Long> leaderboardTopicStart;
    private Map<TopicPartition, Long> fraudAlertsStart;
    private Map<TopicPartition, Long> earlyWarningsStart;
    private LeaderlensConfig fraudConfig;
    private Path labelsFile;
    /** Every line of the simulator's JSON lines, resends included, parsed once for the recomputations below. */
    private List<JsonNode> simulated;

    /** The registry trained by the first caller in this JVM; later callers get a copy of it. */
    private static Path trainedRegistry;

    /**
     * The fraud models the ITs score with, in {@code registryDir} (emptied first): trained once per test JVM (a fixed
     * seed gives the same models, and four ITs trained them again, ~30 s each), each caller gets its own copy.
     */
    static synchronized void trainFraudModels(Path registryDir) throws Exception {
        if (trainedRegistry == null) {
            Path trained = Path.of("target/it-fraud-registry").toAbsolutePath();
            org.apache.flink.util.FileUtils.deleteDirectory(trained.toFile());
            train(trained);
            trainedRegistry = trained;
        }
        Path target = registryDir.toAbsolutePath();
        if (!target.equals(trainedRegistry)) {
            org.apache.flink.util.FileUtils.deleteDirectory(target.toFile());
            org.apache.flink.util.FileUtils.copy(new org.apache.flink.core.fs.Path(trainedRegistry.toUri()),
                    new org.apache.flink.core.fs.Path(target.toUri()), false);
        }
    }

    private static void train(Path registryDir) throws Exception {
        Path history = Path.of("target/it-fraud-history");
        try (var writer = new io.leaderlens.simulator.JsonLinesWriter(history)) {
            new io.leaderlens.simulator.Simulator(SimulationOptions.defaults(101, 120_000, 5)).run(writer, n -> {});
        }
        var labelled = io.leaderlens.models.training.LabelledHistory.read(history);
        var budget = io.leaderlens.models.training.AlertBudget.from(SharedStack.config());
        var training = new io.leaderlens.models.training.FraudTraining(
                io.leaderlens.models.smile.GradientBoostedTrees.Settings.defaults().withTrees(60), budget);
        var models = new io.leaderlens.models.registry.ModelRegistry(registryDir);
        List<io.leaderlens.models.registry.ModelRegistry.Entry> saved = new java.util.ArrayList<>();
        for (String subject : List.of("order", "member")) {
            var t = training.train(labelled, subject, 0.7);
            saved.add(models.save(subject, t.model().model(), t.anomaly(), t.model().threshold(),
                    io.leaderlens.services.FraudModels.metrics(t, budget), Map.of()));
        }
        io.leaderlens.cli.ModelRegistryTable.record(SharedStack.config(), saved); // as ./leaderlens train does
    }

    @BeforeAll
    void simulateAndRunTheJob() throws Exception {
        config = SharedStack.config();
        trino = io.leaderlens.cli.CliContext.trino(config);
        ZoneId zone = config.getZone("timezone");
        SimulationOptions options = SimulationOptions.defaults(SEED, EVENTS, DAYS);
        Path files = Path.of("target/it-simulation");
        long written = Simulations.toFiles(options, files);

        var start = JobRuns.snapshotOffsets(config);
        leaderboardTopicStart = KafkaOffsets.endOffsets(config.get("kafka.bootstrap-servers"),
                List.of(config.get("topics.leaderboard-updates")));
        long sent = CliContext.simulations(config).toKafka(options, files.resolve("kafka-labels.jsonl"), null);
        assertThat(sent).as("same seed and size give the same events to Kafka and to files").isEqualTo(written);
        assertThat(Files.readAllLines(files.resolve("kafka-labels.jsonl")))
                .isEqualTo(Files.readAllLines(files.resolve("labels.jsonl")));

        JobRuns.runBounded(config, start);
        expected = Recomputation.of(files.resolve("events.jsonl"), zone);
        ObjectMapper json = new ObjectMapper();
        simulated = new ArrayList<>();
        for (String line : Files.readAllLines(files.resolve("events.jsonl"))) {
            simulated.add(json.readTree(line));
        }

        // the fraud scoring job over the same events, with models trained on another seed
        fraudAlertsStart = KafkaOffsets.endOffsets(config.get("kafka.bootstrap-servers"),
                List.of(config.get("topics.fraud-alerts")));
        earlyWarningsStart = KafkaOffsets.endOffsets(config.get("kafka.bootstrap-servers"),
                List.of(config.get("topics.fraud-alerts-early")));
        Path registry = Path.of("target/it-registry").toAbsolutePath();
        trainFraudModels(registry);
        fraudConfig = config.with("fraud.registry", registry.toString()).with("fraud.consumer-group", "it-fraud-" + SEED);
        var fraud = new io.leaderlens.jobs.fraudscoring.FraudScoringRunner(fraudConfig);
        fraud.run(fraud.environment(), true, start);
        labelsFile = files.resolve("labels.jsonl");
        CliContext.fraudLabels(config).load(labelsFile, "simulator");
        // a world ends with its period: a short one may spend less than its budget
        assertThat(written).as("the world's events, within its budget").isGreaterThan(EVENTS / 2).isLessThanOrEqualTo(EVENTS);
        assertThat(expected.lines).as("every line the simulator wrote").isEqualTo(written);
        assertThat(expected.uniqueEvents).as("the simulator resends some events").isLessThan(written);
    }

    @Test
    void dailyLeaderFiguresEqualTheRecomputationToTheCent() throws Exception {
        Trino.Result rows = trino.query("SELECT leader_id, day, net_gmv_cents, orders, buyers, formation_rate "
                + "FROM iceberg.leaderlens.leader_metrics_daily WHERE " + THIS_RUN);
        Map<Recomputation.Key, List<String>> actual = new TreeMap<>();
        for (List<String> row : rows.rows()) {
            Recomputation.Key key = new Recomputation.Key(row.get(0), LocalDate.parse(row.get(1)));
            assertThat(actual.put(key, row)).as("one row per leader and day: " + key).isNull();
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.figures.keySet());
        long netTotal = 0;
        for (var entry : expected.figures.entrySet()) {
            List<String> row = actual.get(entry.getKey());
            Recomputation.Figures f = entry.getValue();
            assertThat(Long.parseLong(row.get(2))).as("net GMV of " + entry.getKey()).isEqualTo(f.netCents());
            assertThat(Long.parseLong(row.get(3))).as("orders of " + entry.getKey()).isEqualTo(f.orders);
            assertThat(Long.parseLong(row.get(4))).as("buyers of " + entry.getKey()).isEqualTo(f.buyers.size());
            if (f.formationRate() == null) {
                assertThat(row.get(5)).as("formation rate of " + entry.getKey()).isNull();
            } else {
                assertThat(Double.parseDouble(row.get(5))).as("formation rate of " + entry.getKey())
                        .isCloseTo(f.formationRate(), within(1e-12));
            }
            netTotal += f.netCents();
        }
        assertThat(netTotal).as("a run with real money in it").isGreaterThan(1_000_000);
    }

    @Test
    void dailyTopTenPerCityEqualsTheRecomputation() throws Exception {
        Trino.Result rows = trino.query("SELECT city, day, rank, leader_id, net_gmv_cents FROM iceberg.leaderlens.leaderboard_daily "
                + "WHERE " + THIS_RUN + " ORDER BY city, day, rank");
        List<Recomputation.Ranked> actual = new ArrayList<>();
        for (List<String> row : rows.rows()) {
            actual.add(new Recomputation.Ranked(row.get(0), LocalDate.parse(row.get(1)), Integer.parseInt(row.get(2)),
                    row.get(3), Long.parseLong(row.get(4))));
        }
        List<Recomputation.Ranked> top = expected.topPerCityAndDay(10);
        assertThat(top).hasSizeGreaterThan(10);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(top);
    }

    @Test
    void nothingOfThisRunWasLateAndTheRawEventsAreLandedOnce() throws Exception {
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.late_events WHERE event_time < TIMESTAMP '2030-01-01 00:00 UTC'"))
                .isZero();
        long landed = count(InputTables.countRawEventsSql("iceberg.leaderlens", THIS_RUN));
        assertThat(landed).isEqualTo(expected.uniqueEvents);
        assertThat(expected.uniqueCampaignEvents).as("the world ran flash sales").isPositive();
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.events_campaign WHERE " + THIS_RUN)).isEqualTo(expected.uniqueCampaignEvents);
    }

    @Test
    void rawEventTablesAreWrittenWithoutParquetDictionaries() throws Exception {
        // tables created by an earlier build follow the definition's write settings too
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.\"events_order$properties\""
                + " WHERE key = 'parquet.enable.dictionary' AND value = 'false'")).isOne();
    }

    @Test
    void leaderboardUpdatesAreOnKafkaExactlyOnce() throws Exception {
        long dailyRows = count("SELECT count(*) FROM iceberg.leaderlens.leaderboard_daily WHERE " + THIS_RUN);
        long hourlyRows = count("SELECT count(*) FROM iceberg.leaderlens.leaderboard_hourly WHERE " + THIS_RUN);
        long daily = 0;
        long hourly = 0;
        ObjectMapper json = new ObjectMapper();
        for (var record : KafkaOffsets.readCommitted(config.get("kafka.bootstrap-servers"), leaderboardTopicStart)) {
            JsonNode row = json.readTree(record.value());
            if (LocalDate.parse(row.get("day").asText()).getYear() < 2030) {
                if (row.get("period").asText().equals("DAY")) {
                    daily++;
                } else {
                    hourly++;
                }
            }
        }
        assertThat(daily).isEqualTo(dailyRows);
        assertThat(hourly).isEqualTo(hourlyRows);
    }

    @Test
    void opsNotebookQueriesRunOnTrinoAndFindData() throws Exception {
        Path notebook = Path.of("../notebooks/ops.ipynb");
        List<Notebooks.Cell> cells = Notebooks.sqlCells(notebook);
        assertThat(cells).hasSizeGreaterThanOrEqualTo(5);
        Trino ops = Notebooks.asItsRole(config, notebook);
        for (Notebooks.Cell cell : cells) {
            List<List<String>> rows = ops.query(cell.sql()).rows(); // fails the test if the SQL is stale or ops may not read it
            if (!cell.mayBeEmpty()) {
                assertThat(rows).as("rows of notebook query:\n" + cell.sql()).isNotEmpty();
            }
        }
    }

    @Test
    void fraudAlertsAreGroupedAndOnKafkaExactlyOnce() throws Exception {
        long alerts = count("SELECT count(*) FROM iceberg.leaderlens.fraud_alerts WHERE " + THIS_RUN);
        long flaggedScores = count("SELECT (SELECT count_if(flagged) FROM iceberg.leaderlens.order_scores WHERE " + THIS_RUN + ")"
                + " + (SELECT count_if(flagged) FROM iceberg.leaderlens.member_scores WHERE " + THIS_RUN + ")");
        long groupedEvents = count("SELECT sum(flagged_events) FROM iceberg.leaderlens.fraud_alerts WHERE NOT rule_violation AND " + THIS_RUN);
        assertThat(alerts).isPositive();
        assertThat(groupedEvents).as("one alert groups many flagged events").isGreaterThan(alerts).isLessThanOrEqualTo(flaggedScores);
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.fraud_alerts WHERE rule_violation AND action = 'BLOCK' AND " + THIS_RUN))
                .as("the simulated referral rings are refused by rule").isPositive();
        long scored = count("SELECT count(*) FROM iceberg.leaderlens.order_scores WHERE " + THIS_RUN);
        assertThat(scored).as("every paid order of this run is scored").isEqualTo(
                count("SELECT count(*) FROM iceberg.leaderlens.events_order WHERE type = 'PAID' AND " + THIS_RUN));

        // every alert's life on the topic, once: OPEN at revision 1, one UPDATED per further flagged event, CLOSED last
        Map<String, List<JsonNode>> lives = new java.util.TreeMap<>();
        Map<String, String> changeByRevision = new java.util.HashMap<>();
        for (var record : KafkaOffsets.readCommitted(config.get("kafka.bootstrap-servers"), fraudAlertsStart)) {
            JsonNode change = new ObjectMapper().readTree(record.value());
            changeByRevision.put(revisionOf(change), record.value());
            assertThat(record.key()).isEqualTo(change.get("alert_id").asText());
            lives.computeIfAbsent(change.get("alert_id").asText(), id -> new java.util.ArrayList<>()).add(change);
        }
        assertThat(lives).hasSize((int) alerts);
        long changes = 0;
        for (List<JsonNode> life : lives.values()) {
            life.sort(java.util.Comparator.comparingInt(c -> c.get("revision").asInt()));
            JsonNode closed = life.get(life.size() - 1);
            assertThat(life).extracting(c -> c.get("revision").asInt()).as("revisions of " + closed.get("alert_id"))
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, life.size()).boxed().toList());
            assertThat(life.get(0).get("status").asText()).isEqualTo("OPEN");
            assertThat(life.get(0).get("flagged_events").asLong()).isEqualTo(1);
            assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
            assertThat(life.subList(1, life.size() - 1)).allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("UPDATED"));
            assertThat(closed.get("flagged_events").asLong()).as("one change per flagged event, and the close").isEqualTo(life.size() - 1);
            assertThat(life.get(0).get("effective_at").asLong()).isEqualTo(closed.get("opened_at").asLong())
                    .isLessThan(closed.get("period_end").asLong());
            changes += life.size();
        }
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.fraud_alert_changes WHERE " + THIS_RUN)).isEqualTo(changes);
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.v_fraud_alerts_live a JOIN iceberg.leaderlens.fraud_alerts c "
                + "ON a.alert_id = c.alert_id AND a.status = 'CLOSED' AND a.flagged_events = c.flagged_events WHERE a." + THIS_RUN))
                .as("the live view's state of a closed alert is its closed row").isEqualTo(alerts);

        // the early-warning topic (at least once) carries the same changes, keyed alike; a copy sent twice is the same record
        Map<String, String> earlyByRevision = new java.util.HashMap<>();
        for (var record : KafkaOffsets.readCommitted(config.get("kafka.bootstrap-servers"), earlyWarningsStart)) {
            JsonNode change = new ObjectMapper().readTree(record.value());
            assertThat(record.key()).isEqualTo(change.get("alert_id").asText());
            String previous = earlyByRevision.put(revisionOf(change), record.value());
            assertThat(previous == null || previous.equals(record.value())).as("a repeated early warning repeats its record").isTrue();
        }
        assertThat(earlyByRevision).hasSize((int) changes).isEqualTo(changeByRevision);
    }

    /** An alert change's identity on either alert topic: alert id and revision. */
    private static String revisionOf(JsonNode change) {
        return change.get("alert_id").asText() + "#" + change.get("revision").asInt();
    }

    @Test
    void pastAlertsAreMeasuredAgainstTheLabels() throws Exception {
        // independently: an alert is confirmed when one of its subjects, or its leader, has a label
        // (subjects are listed as <subject>:<id>)
        java.util.Set<String> labelled = new java.util.HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(labelsFile)) {
            var label = json.readTree(line);
            labelled.add(label.get("subject").asText() + ":" + label.get("id").asText());
        }
        long confirmed = 0;
        long bySubject = 0;
        List<List<String>> alerts = trino.query("SELECT alert_id, leader_id, subjects FROM iceberg.leaderlens.fraud_alerts WHERE " + THIS_RUN).rows();
        for (List<String> alert : alerts) {
            boolean subjectHit = java.util.Arrays.stream(alert.get(2).split(",")).anyMatch(labelled::contains);
            bySubject += subjectHit ? 1 : 0;
            confirmed += subjectHit || labelled.contains("leader:" + alert.get(1)) ? 1 : 0;
        }
        assertThat(bySubject).as("alerts confirmed by a flagged subject's own label, not only by their leader's").isPositive();
        assertThat(count("SELECT count_if(confirmed) FROM iceberg.leaderlens.v_alert_outcomes WHERE " + THIS_RUN)).isEqualTo(confirmed);
        assertThat(count("SELECT sum(confirmed) FROM iceberg.leaderlens.v_alert_precision_daily WHERE " + THIS_RUN)).isEqualTo(confirmed);
        double precision = (double) confirmed / alerts.size();
        System.out.printf("alerts confirmed by labels: %d of %d (%.3f)%n", confirmed, alerts.size(), precision);
        assertThat(precision).as("share of this run's alerts that point at labelled fraud (docs/fraud-models.md)").isGreaterThanOrEqualTo(0.9);
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.v_unusual_unflagged")).as("anomaly scores are written").isPositive();
    }

    @Test
    void labelLinesThatAreNotLabelsAreSetAsideAndTheRestIsLoaded() throws Exception {
        Path file = Path.of("target/it-labels-with-garbage.jsonl").toAbsolutePath();
        java.nio.file.Files.write(file, List.of(
                "{\"subject\":\"member\",\"id\":\"it-label-kept-1\",\"scenario\":\"fake_member_farm\",\"event_time\":1893456000000}",
                "not a label",
                "{\"subject\":\"device\",\"id\":\"d-1\",\"scenario\":\"fake_member_farm\",\"event_time\":1893456000000}"));

        var loaded = io.leaderlens.cli.CliContext.fraudLabels(config).load(file, "it");

        assertThat(loaded.added()).isEqualTo(1);
        assertThat(loaded.setAside()).hasValueSatisfying(note -> assertThat(note).contains("set aside 2 of 3 lines"));
        assertThat(java.nio.file.Files.readAllLines(Path.of(file + ".rejected.jsonl"))).hasSize(2);
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.fraud_labels WHERE subject_id = 'it-label-kept-1' AND source = 'it'"))
                .isEqualTo(1);
    }

    @Test
    void riskNotebookQueriesRunOnTrinoAndFindData() throws Exception {
        Path notebook = Path.of("../notebooks/risk-review.ipynb");
        Trino asItsRole = Notebooks.asItsRole(config, notebook); // the rules must let it read all it asks
        for (Notebooks.Cell cell : Notebooks.sqlCells(notebook)) {
            List<List<String>> rows = asItsRole.query(cell.sql()).rows();
            if (!cell.mayBeEmpty()) {
                assertThat(rows).as("rows of risk notebook query:\n" + cell.sql()).isNotEmpty();
            }
        }
    }

    /**
     * Subsidy per day, kind and campaign in v_subsidy_daily against a recomputation from the simulator's JSON lines:
     * each discount of a paid order (an event id once), on the local day it was paid.
     */
    @Test
    void subsidiesPerCampaignEqualTheRecomputation() throws Exception {
        ZoneId zone = config.getZone("timezone");
        Set<String> seen = new HashSet<>();
        Map<String, Long> cents = new TreeMap<>();
        Map<String, Set<String>> orders = new TreeMap<>();
        for (JsonNode e : simulated) {
            if (!e.path("schema").asText().equals("OrderEvent") || !e.path("type").asText().equals("PAID") || !seen.add(e.get("event_id").asText())) {
                continue;
            }
            LocalDate day = java.time.Instant.ofEpochMilli(e.get("event_time").asLong()).atZone(zone).toLocalDate();
            for (JsonNode d : e.path("discounts")) {
                String key = day + "|" + d.get("kind").asText() + "|" + (d.get("campaign_id").isNull() ? "" : d.get("campaign_id").asText());
                cents.merge(key, d.get("amount_cents").asLong(), Long::sum);
                orders.computeIfAbsent(key, k -> new HashSet<>()).add(e.get("order_id").asText());
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, kind, campaign_id, sum(subsidy_cents), sum(orders) FROM iceberg.leaderlens.v_subsidy_daily "
                + "WHERE " + THIS_RUN + " GROUP BY day, kind, campaign_id").rows()) {
            actual.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), row.get(3) + " cents in " + row.get(4) + " orders");
        }
        Map<String, String> recomputed = new TreeMap<>();
        cents.forEach((key, sum) -> recomputed.put(key, sum + " cents in " + orders.get(key).size() + " orders"));
        assertThat(actual).isEqualTo(recomputed);
        assertThat(recomputed.keySet()).as("every kind of campaign the simulator runs")
                .anyMatch(k -> k.contains("|GROUP_PRICE|")).anyMatch(k -> k.contains("|FLASH_SALE|"))
                .anyMatch(k -> k.contains("|SPEND_AND_SAVE|")).anyMatch(k -> k.contains("|NEW_USER_FIRST_ORDER|"));
    }

    /**
     * v_new_user_coupon_conversion against a recomputation from the JSON lines: each new user's first paid order (by
     * event time), whether it used the new-user coupon, and whether another paid order followed within 30 days.
     */
    @Test
    void newUserCouponConversionEqualsTheRecomputation() throws Exception {
        ZoneId zone = config.getZone("timezone");
        Set<String> seen = new HashSet<>();
        Set<String> signedUp = new HashSet<>();
        Map<String, List<JsonNode>> paidByUser = new HashMap<>();
        for (JsonNode e : simulated) {
            if (!seen.add(e.get("event_id").asText())) {
                continue;
            }
            if (e.get("schema").asText().equals("ReferralEvent") && e.get("type").asText().equals("SIGNED_UP") && !e.get("user_id").isNull()) {
                signedUp.add(e.get("user_id").asText());
            } else if (e.get("schema").asText().equals("OrderEvent") && e.get("type").asText().equals("PAID")) {
                paidByUser.computeIfAbsent(e.get("user_id").asText(), u -> new ArrayList<>()).add(e);
            }
        }
        Map<String, long[]> recomputed = new TreeMap<>(); // day|city|with_coupon -> {new users, paid again within 30 days}
        for (var user : paidByUser.entrySet()) {
            List<JsonNode> orders = new ArrayList<>(user.getValue());
            orders.sort(java.util.Comparator.comparingLong(o -> o.get("event_time").asLong()));
            JsonNode first = orders.get(0);
            boolean coupon = false;
            for (JsonNode d : first.path("discounts")) {
                coupon |= d.get("kind").asText().equals("NEW_USER_FIRST_ORDER");
            }
            if (!coupon && !signedUp.contains(user.getKey())) {
                continue;
            }
            long at = first.get("event_time").asLong();
            boolean again = orders.stream().anyMatch(o -> o.get("event_time").asLong() > at
                    && o.get("event_time").asLong() <= at + java.time.Duration.ofDays(30).toMillis());
            String key = java.time.Instant.ofEpochMilli(at).atZone(zone).toLocalDate() + "|" + first.get("city").asText() + "|" + coupon;
            long[] counts = recomputed.computeIfAbsent(key, k -> new long[2]);
            counts[0]++;
            counts[1] += again ? 1 : 0;
        }
        Map<String, String> expectedRows = new TreeMap<>();
        recomputed.forEach((key, c) -> expectedRows.put(key, c[0] + " new users, " + c[1] + " paid again"));
        Map<String, String> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, city, with_coupon, new_users, paid_again_within_30d "
                + "FROM iceberg.leaderlens.v_new_user_coupon_conversion WHERE " + THIS_RUN).rows()) {
            actual.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), row.get(3) + " new users, " + row.get(4) + " paid again");
        }
        assertThat(actual).isEqualTo(expectedRows);
        assertThat(expectedRows.keySet()).as("both cohorts").anyMatch(k -> k.endsWith("|true")).anyMatch(k -> k.endsWith("|false"));
    }

    /**
     * v_coupon_funnel against a recomputation from the JSON lines: each coupon (an event id once) from its ISSUED event,
     * on the local day of issue, to its REDEEMED or EXPIRED event, with the face value redeemed and the time it took.
     */
    @Test
    void everyAlertNamesTheSubsidyOfItsFlaggedPaymentsEachOnce() throws Exception {
        ZoneId zone = config.getZone("timezone");
        // the subsidy of each payment, from the JSON lines: its discounts and points, when it carries a price breakdown
        Map<String, Long> subsidyOfPayment = new HashMap<>();
        for (JsonNode e : simulated) {
            if (e.get("schema").asText().equals("OrderEvent") && e.get("type").asText().equals("PAID")
                    && e.hasNonNull("list_amount_cents")) {
                long off = e.path("points_value_cents").asLong(0);
                for (JsonNode d : e.path("discounts")) {
                    off += d.get("amount_cents").asLong();
                }
                subsidyOfPayment.put(e.get("event_id").asText(), off);
            }
        }
        // the flagged scores (the scoring job's verdicts), grouped as alerts group them: by leader and hour, each event once
        Map<String, Set<String>> flaggedEventsOfAlert = new TreeMap<>();
        for (List<String> row : trino.query("SELECT leader_id, event_id, to_unixtime(event_time) * 1000 FROM ("
                + "SELECT leader_id, event_id, event_time FROM iceberg.leaderlens.order_scores WHERE flagged AND " + THIS_RUN
                + " UNION ALL SELECT leader_id, event_id, event_time FROM iceberg.leaderlens.member_scores WHERE flagged AND " + THIS_RUN
                + ")").rows()) {
            long periodStart = io.leaderlens.time.CalendarPeriod.HOUR.start((long) Double.parseDouble(row.get(2)), zone);
            flaggedEventsOfAlert.computeIfAbsent(row.get(0) + "@" + periodStart, k -> new HashSet<>()).add(row.get(1));
        }
        Map<String, Long> expected = new TreeMap<>();
        flaggedEventsOfAlert.forEach((alert, events) -> expected.put(alert,
                events.stream().mapToLong(id -> subsidyOfPayment.getOrDefault(id, 0L)).sum()));
        Map<String, Long> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT alert_id, subsidy_at_risk_cents FROM iceberg.leaderlens.fraud_alerts WHERE "
                + THIS_RUN).rows()) {
            actual.put(row.get(0), Long.parseLong(row.get(1)));
        }
        assertThat(actual.keySet()).as("every flagged score is in an alert").containsAll(expected.keySet());
        Map<String, Long> wanted = new TreeMap<>();
        actual.keySet().forEach(alert -> wanted.put(alert, expected.getOrDefault(alert, 0L))); // rule-only alerts: no payment
        assertThat(actual).isEqualTo(wanted);
        assertThat(actual.values().stream().mapToLong(Long::longValue).sum()).as("some flagged payments were subsidised").isPositive();
    }

    @Test
    void referralRewardsOfMembersFlaggedInHoldingAlertsAreOnHold() throws Exception {
        // the rewards and how they ended, from the JSON lines
        CouponLives coupons = couponLives();
        Map<String, JsonNode> rewards = new TreeMap<>();
        coupons.issued().forEach((coupon, e) -> {
            if (e.get("reason").asText().equals("REFERRAL_REWARD")) {
                rewards.put(coupon, e);
            }
        });
        Map<String, JsonNode> ended = coupons.ended();
        // the scoring job's verdicts: alerts as they stand that hold, and the members flagged inside them
        record Held(String alertId, String action, long flaggedAt) {}
        Map<String, List<String[]>> holdingAlertsOfLeader = new HashMap<>(); // leader -> {alert id, action, start, end}
        for (List<String> a : trino.query("SELECT alert_id, leader_id, action, to_unixtime(period_start) * 1000, "
                + "to_unixtime(period_end) * 1000 FROM iceberg.leaderlens.v_fraud_alerts_live WHERE action IN ('HOLD_COMMISSION', 'BLOCK') AND "
                + THIS_RUN).rows()) {
            holdingAlertsOfLeader.computeIfAbsent(a.get(1), k -> new ArrayList<>())
                    .add(new String[] {a.get(0), a.get(2), a.get(3), a.get(4)});
        }
        Map<String, List<Held>> heldMember = new HashMap<>();
        for (List<String> f : trino.query("SELECT subject_id, leader_id, to_unixtime(event_time) * 1000 FROM iceberg.leaderlens.member_scores "
                + "WHERE flagged AND " + THIS_RUN).rows()) {
            long at = (long) Double.parseDouble(f.get(2));
            for (String[] a : holdingAlertsOfLeader.getOrDefault(f.get(1), List.of())) {
                if (at >= (long) Double.parseDouble(a[2]) && at < (long) Double.parseDouble(a[3])) {
                    heldMember.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(new Held(a[0], a[1], at));
                }
            }
        }
        // per reward: the earliest such flag of its referee or holder (the referee's first on a tie)
        Map<String, String> expected = new TreeMap<>();
        for (Map.Entry<String, JsonNode> r : rewards.entrySet()) {
            String referee = r.getValue().get("referee_id").asText();
            String holder = r.getValue().get("user_id").asText();
            Held first = null;
            String whose = null;
            for (String member : List.of(referee, holder)) {
                for (Held h : heldMember.getOrDefault(member, List.of())) {
                    if (first == null || h.flaggedAt() < first.flaggedAt()) {
                        first = h;
                        whose = member.equals(referee) ? "referee" : "holder";
                    }
                }
            }
            if (first != null) {
                JsonNode end = ended.get(r.getKey());
                expected.put(r.getKey(), String.join("|", holder, referee, r.getValue().get("value_cents").asText(),
                        end == null ? "OPEN" : end.get("type").asText(), first.alertId(), first.action(), whose));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT coupon_id, holder_id, referee_id, value_cents, status, alert_id, action, flagged_member "
                + "FROM iceberg.leaderlens.v_referral_rewards_on_hold WHERE issued_at < TIMESTAMP '2030-01-01 00:00 UTC'").rows()) {
            actual.put(row.get(0), String.join("|", row.subList(1, row.size())));
        }
        assertThat(actual).as("rewards on hold").isNotEmpty().isEqualTo(expected);
    }

    /** Each coupon's ISSUED event and its end (REDEEMED or EXPIRED), from the JSON lines, each event once. */
    private record CouponLives(Map<String, JsonNode> issued, Map<String, JsonNode> ended) {}

    private CouponLives couponLives() {
        Set<String> seen = new HashSet<>();
        Map<String, JsonNode> issued = new HashMap<>();
        Map<String, JsonNode> ended = new HashMap<>();
        for (JsonNode e : simulated) {
            if (!e.get("schema").asText().equals("CouponEvent") || !seen.add(e.get("event_id").asText())) {
                continue;
            }
            (e.get("type").asText().equals("ISSUED") ? issued : ended).putIfAbsent(e.get("coupon_id").asText(), e);
        }
        return new CouponLives(issued, ended);
    }

    @Test
    void couponFunnelEqualsTheRecomputation() throws Exception {
        ZoneId zone = config.getZone("timezone");
        CouponLives coupons = couponLives();
        Map<String, JsonNode> issued = coupons.issued();
        Map<String, JsonNode> ended = coupons.ended();
        // day|reason|campaign|city -> {issued, redeemed, expired, open, face value redeemed, within a day, ms to redeem}
        Map<String, long[]> funnel = new TreeMap<>();
        for (JsonNode i : issued.values()) {
            long at = i.get("event_time").asLong();
            String key = java.time.Instant.ofEpochMilli(at).atZone(zone).toLocalDate() + "|" + i.get("reason").asText() + "|"
                    + (i.get("campaign_id").isNull() ? "" : i.get("campaign_id").asText()) + "|" + i.get("city").asText();
            long[] f = funnel.computeIfAbsent(key, k -> new long[7]);
            f[0]++;
            JsonNode end = ended.get(i.get("coupon_id").asText());
            if (end == null) {
                f[3]++;
            } else if (end.get("type").asText().equals("EXPIRED")) {
                f[2]++;
            } else {
                long took = end.get("event_time").asLong() - at;
                f[1]++;
                f[4] += i.get("value_cents").asLong();
                f[5] += took <= java.time.Duration.ofDays(1).toMillis() ? 1 : 0;
                f[6] += took;
            }
        }
        Map<String, String> recomputed = new TreeMap<>();
        funnel.forEach((key, f) -> recomputed.put(key, String.format(java.util.Locale.ROOT,
                "%d issued, %d redeemed, %d expired, %d open, %d cents, %d within 1d, %s h", f[0], f[1], f[2], f[3], f[4], f[5],
                f[1] == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.3f", f[6] / 3_600_000.0 / f[1]))));
        Map<String, String> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, reason, campaign_id, city, issued, redeemed, expired, still_open, "
                + "redeemed_face_value_cents, redeemed_within_1d, avg_hours_to_redeem FROM iceberg.leaderlens.v_coupon_funnel WHERE "
                + THIS_RUN).rows()) {
            actual.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2) + "|" + row.get(3), String.format(java.util.Locale.ROOT,
                    "%s issued, %s redeemed, %s expired, %s open, %s cents, %s within 1d, %s h", row.get(4), row.get(5), row.get(6),
                    row.get(7), row.get(8), row.get(9),
                    row.get(10) == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(row.get(10)))));
        }
        assertThat(actual).isEqualTo(recomputed);
        assertThat(recomputed.keySet()).as("both reasons the simulator issues coupons for")
                .anyMatch(k -> k.contains("|NEW_USER|")).anyMatch(k -> k.contains("|REFERRAL_REWARD|"));
        assertThat(funnel.values().stream().mapToLong(f -> f[1]).sum()).as("some coupons are redeemed").isPositive();
    }

    /**
     * v_flash_sale_roi against a recomputation from the JSON lines: per flash sale, its category's orders placed in its
     * hour and paid, their GMV, and the mean of the same category and hour of day over the other days within two weeks
     * that had no sale then (and had such orders).
     */
    @Test
    void flashSalesAgainstTheirBaselineEqualTheRecomputation() throws Exception {
        ZoneId zone = config.getZone("timezone");
        Set<String> seen = new HashSet<>();
        Map<String, long[]> hourly = new HashMap<>(); // day|hour|category -> {orders, paid cents}
        Map<String, String> saleHour = new TreeMap<>(); // campaign -> day|hour|category
        Map<String, long[]> sale = new TreeMap<>(); // campaign -> {orders on sale, subsidy cents}
        Map<String, Long> placedAt = new HashMap<>();
        List<JsonNode> paidOrders = new ArrayList<>();
        for (JsonNode e : simulated) {
            if (!seen.add(e.get("event_id").asText()) || !e.get("schema").asText().equals("OrderEvent")) {
                continue;
            }
            if (e.get("type").asText().equals("PLACED")) {
                placedAt.merge(e.get("order_id").asText(), e.get("event_time").asLong(), Math::min);
            } else if (e.get("type").asText().equals("PAID") && !e.path("list_amount_cents").isNull()) {
                paidOrders.add(e);
            }
        }
        for (JsonNode e : paidOrders) {
            // by the hour the order was placed: when its price, flash sale or not, was set
            java.time.ZonedDateTime local = java.time.Instant.ofEpochMilli(placedAt.get(e.get("order_id").asText())).atZone(zone);
            String hour = local.toLocalDate() + "|" + local.getHour() + "|" + e.get("category").asText();
            long[] h = hourly.computeIfAbsent(hour, k -> new long[2]);
            h[0]++;
            h[1] += e.get("amount_cents").asLong();
            for (JsonNode d : e.path("discounts")) {
                if (d.get("kind").asText().equals("FLASH_SALE")) {
                    saleHour.put(d.get("campaign_id").asText(), hour);
                    long[] c = sale.computeIfAbsent(d.get("campaign_id").asText(), k -> new long[2]);
                    c[0]++;
                    c[1] += d.get("amount_cents").asLong();
                }
            }
        }
        Map<String, String> expectedRows = new TreeMap<>();
        long saleOrders = 0;
        java.math.BigDecimal baselineOrders = java.math.BigDecimal.ZERO;
        for (var campaign : sale.entrySet()) {
            String hour = saleHour.get(campaign.getKey());
            String sameHourOfDay = hour.substring(hour.indexOf('|'));
            long hours = 0;
            long paid = 0;
            long orders = 0;
            LocalDate saleDay = LocalDate.parse(hour.substring(0, hour.indexOf('|')));
            for (var h : hourly.entrySet()) {
                LocalDate day = LocalDate.parse(h.getKey().substring(0, h.getKey().indexOf('|')));
                if (h.getKey().endsWith(sameHourOfDay) && !saleHour.containsValue(h.getKey()) && !day.equals(saleDay)
                        && Math.abs(day.toEpochDay() - saleDay.toEpochDay()) <= 14) {
                    hours++;
                    orders += h.getValue()[0];
                    paid += h.getValue()[1];
                }
            }
            long[] during = hourly.get(hour);
            String baseline = hours == 0 ? "null"
                    : java.math.BigDecimal.valueOf(paid).divide(java.math.BigDecimal.valueOf(hours), 2, java.math.RoundingMode.HALF_UP).toPlainString();
            expectedRows.put(campaign.getKey(), campaign.getValue()[0] + " on sale, " + campaign.getValue()[1] + " subsidy, " + during[0]
                    + " orders, " + during[1] + " GMV; baseline " + hours + " hours, " + baseline);
            saleOrders += during[0];
            if (hours > 0) {
                baselineOrders = baselineOrders.add(java.math.BigDecimal.valueOf(orders).divide(java.math.BigDecimal.valueOf(hours), 2,
                        java.math.RoundingMode.HALF_UP));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT campaign_id, orders_on_sale, subsidy_cents, orders, gmv_cents, baseline_hours, "
                + "baseline_gmv_cents FROM iceberg.leaderlens.v_flash_sale_roi WHERE " + THIS_RUN).rows()) {
            actual.put(row.get(0), row.get(1) + " on sale, " + row.get(2) + " subsidy, " + row.get(3) + " orders, " + row.get(4)
                    + " GMV; baseline " + (row.get(5) == null ? "0" : row.get(5)) + " hours, " + row.get(6));
        }
        assertThat(actual).isEqualTo(expectedRows).isNotEmpty();
        assertThat(java.math.BigDecimal.valueOf(saleOrders)).as("shoppers take the flash sales up").isGreaterThan(baselineOrders);
    }

    /**
     * v_flash_sale_sell_through against a recomputation from the JSON lines: per sale its STARTED event's stock, the
     * orders placed at its price and their units, the units of those that were paid, and its SOLD_OUT time.
     */
    @Test
    void flashSaleSellThroughEqualsTheRecomputation() throws Exception {
        Set<String> seen = new HashSet<>();
        Map<String, JsonNode> started = new TreeMap<>();
        Map<String, Long> soldOutAt = new HashMap<>();
        Map<String, String> saleOf = new HashMap<>(); // order -> the sale it was placed at
        Map<String, Long> quantityOf = new HashMap<>();
        Set<String> paid = new HashSet<>();
        for (JsonNode e : simulated) {
            if (!seen.add(e.get("event_id").asText())) {
                continue;
            }
            String type = e.get("type").asText();
            if (e.get("schema").asText().equals("CampaignEvent")) {
                if (type.equals("STARTED")) {
                    started.put(e.get("campaign_id").asText(), e);
                } else if (type.equals("SOLD_OUT")) {
                    soldOutAt.merge(e.get("campaign_id").asText(), e.get("event_time").asLong(), Math::min);
                }
            } else if (e.get("schema").asText().equals("OrderEvent") && type.equals("PAID")) {
                paid.add(e.get("order_id").asText());
            } else if (e.get("schema").asText().equals("OrderEvent") && type.equals("PLACED")) {
                for (JsonNode d : e.path("discounts")) {
                    if (d.get("kind").asText().equals("FLASH_SALE")) {
                        saleOf.put(e.get("order_id").asText(), d.get("campaign_id").asText());
                        quantityOf.put(e.get("order_id").asText(), e.get("quantity").asLong());
                    }
                }
            }
        }
        Map<String, String> expectedRows = new TreeMap<>();
        for (var sale : started.entrySet()) {
            long orders = 0;
            long claimed = 0;
            long unitsPaid = 0;
            for (var order : saleOf.entrySet()) {
                if (order.getValue().equals(sale.getKey())) {
                    orders++;
                    claimed += quantityOf.get(order.getKey());
                    unitsPaid += paid.contains(order.getKey()) ? quantityOf.get(order.getKey()) : 0;
                }
            }
            long stock = sale.getValue().get("stock_units").asLong();
            Long out = soldOutAt.get(sale.getKey());
            String minutes = out == null ? "null" : String.valueOf((out - sale.getValue().get("starts_at").asLong()) / 60_000.0);
            expectedRows.put(sale.getKey(), sale.getValue().get("category").asText() + " stock " + stock + ": " + orders + " orders, "
                    + claimed + " claimed, " + unitsPaid + " paid, sold out after " + minutes);
        }
        Map<String, String> actual = new TreeMap<>();
        Map<String, Double> sellThrough = new TreeMap<>();
        for (List<String> row : trino.query("SELECT campaign_id, category, stock_units, orders, units_claimed, units_paid, "
                + "minutes_to_sell_out, sell_through FROM iceberg.leaderlens.v_flash_sale_sell_through WHERE " + THIS_RUN).rows()) {
            actual.put(row.get(0), row.get(1) + " stock " + row.get(2) + ": " + row.get(3) + " orders, " + row.get(4) + " claimed, "
                    + row.get(5) + " paid, sold out after " + (row.get(6) == null ? "null" : String.valueOf(Double.parseDouble(row.get(6)))));
            sellThrough.put(row.get(0), Double.parseDouble(row.get(7)));
        }
        assertThat(actual).isEqualTo(expectedRows).isNotEmpty();
        // what a sale can sell is its stock; this short world's first sales sell out (the stock grows after each that does)
        assertThat(sellThrough.values()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        assertThat(soldOutAt).isNotEmpty();
    }

    @Test
    void dashboardViewsAgreeWithTheTables() throws Exception {
        long net = count("SELECT sum(net_gmv_cents) FROM iceberg.leaderlens.leader_metrics_daily WHERE " + THIS_RUN);
        long viaView = count("SELECT CAST(sum(net_gmv_yuan) * 100 AS BIGINT) FROM iceberg.leaderlens.v_leader_daily WHERE " + THIS_RUN);
        assertThat(viaView).isEqualTo(net);
        long signups = count("SELECT sum(signups) FROM iceberg.leaderlens.v_funnel_daily WHERE " + THIS_RUN);
        assertThat(signups).isPositive();
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(trino.query(sql).rows().get(0).get(0));
    }
}
