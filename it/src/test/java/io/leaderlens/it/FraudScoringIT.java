package io.leaderlens.it;

import io.leaderlens.cli.CliContext;
import io.leaderlens.services.Simulations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.training.AlertBudget;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.smile.GradientBoostedTrees;
import io.leaderlens.models.training.FraudTraining;
import io.leaderlens.models.training.LabelledHistory;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fraud scoring job running against the real stack: scores and grouped alerts land in Iceberg and on the
 * fraud-alerts topic; a new model version, then a new threshold, published on model-updates take effect in the
 * running job, without a restart, each change recorded once. The risk notebook's SQL runs on the result.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FraudScoringIT {
    private static final double NEW_THRESHOLD = 0.0001;

    @Test
    void scoresAlertsAndSwapsTheModelAndThenTheThresholdWithoutRestart() throws Exception {
        Path registryDir = Path.of("target/it-registry-" + UUID.randomUUID()).toAbsolutePath();
        LeaderlensConfig config = SharedStack.config()
                .with("fraud.registry", registryDir.toString())
                .with("fraud.consumer-group", "it-fraud-" + UUID.randomUUID())
                .with("job.checkpoint-interval", "PT5S");
        Trino trino = io.leaderlens.cli.CliContext.trino(config);
        trainModels(config, registryDir);

        var start = JobRuns.snapshotOffsets(config);
        FraudScoringRunner runner = new FraudScoringRunner(config);
        StreamExecutionEnvironment env = runner.environment();
        runner.build(env, false, start);
        JobClient job = env.executeAsync("fraud-scoring-it");
        running = job;
        try {
            // far in the future of LeaderMetricsIT's days, so its rows can be told apart
            LocalDate first = LocalDate.of(2031, 3, 2);
            simulate(config, 303, first);
            double initial = new ModelRegistry(registryDir).latest(FeatureRow.ORDER).threshold();
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.order_scores WHERE day >= DATE '2031-01-01' AND threshold = "
                    + sqlDouble(initial), 100);

            // a new model version, trained while the job runs, then swapped in
            FraudTraining.Trained retrained = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(20), AlertBudget.from(config))
                    .train(history, FeatureRow.ORDER, 0.7);
            ModelRegistry.Entry v2 = new ModelRegistry(registryDir).save(FeatureRow.ORDER, retrained.model().model(), retrained.anomaly(),
                    retrained.model().threshold(), Map.of(), Map.of());
            assertThat(v2.version()).isEqualTo(2);
            publishUpdate(config, registryDir, 2, v2.threshold(), "it-model-owner", "retrained on fresh history");
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.model_changes WHERE changed_by = 'it-model-owner'", 1);
            simulate(config, 304, first.plusDays(3));
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.order_scores WHERE day >= DATE '2031-03-05' AND model_version = 'order-v2'", 100);
            assertThat(count(trino, "SELECT count(*) FROM iceberg.leaderlens.order_scores WHERE day BETWEEN DATE '2031-03-05' AND DATE '2031-12-31' AND model_version <> 'order-v2'"))
                    .as("everything after the swap is scored by v2").isZero();

            // then only the threshold
            publishUpdate(config, registryDir, 2, NEW_THRESHOLD, "it-analyst", "fewer misses during the campaign");
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.model_changes WHERE changed_by = 'it-analyst'", 1);
            simulate(config, 305, first.plusDays(6));
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.order_scores WHERE day >= DATE '2031-03-08' AND threshold = "
                    + sqlDouble(NEW_THRESHOLD) + " AND model_version = 'order-v2'", 100);
            assertThat(job.getJobStatus().get()).as("the swap needs no restart").isEqualTo(JobStatus.RUNNING);
            assertThat(count(trino, "SELECT count_if(NOT flagged) FROM iceberg.leaderlens.order_scores WHERE threshold = " + sqlDouble(NEW_THRESHOLD)
                    + " AND score >= " + sqlDouble(NEW_THRESHOLD))).isZero();
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.fraud_alerts WHERE day >= DATE '2031-01-01'", 1);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        List<List<String>> change = trino.query("SELECT subject, threshold, reason FROM iceberg.leaderlens.model_changes "
                + "WHERE changed_by = 'it-analyst'").rows();
        assertThat(change).containsExactly(List.of("order", String.valueOf(NEW_THRESHOLD), "fewer misses during the campaign"));
        assertThat(trino.query("SELECT subject, version FROM iceberg.leaderlens.model_changes WHERE changed_by = 'it-model-owner'").rows())
                .containsExactly(List.of("order", "2"));
        assertThat(count(trino, "SELECT count(*) FROM iceberg.leaderlens.fraud_alerts WHERE reasons = '' AND NOT rule_violation")).isZero();

        assertScoreDriftMatchesRecomputation(trino);
        assertFeatureDriftMatchesRecomputation(trino);

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
     * v_score_drift_daily against a PSI computed here from the rows: the baseline as model_registry holds it, each
     * order's score binned by counting the edges at or below it, shares floored at 1e-4.
     */
    private static void assertScoreDriftMatchesRecomputation(Trino trino) throws Exception {
        List<List<String>> baseline = trino.query("SELECT score_bin_edges, score_bin_shares FROM iceberg.leaderlens.model_registry "
                + "WHERE version_name = 'order-v1'").rows();
        assertThat(baseline).hasSize(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        double[] edges = json.readValue(baseline.get(0).get(0), double[].class);
        double[] expectedShares = json.readValue(baseline.get(0).get(1), double[].class);
        assertThat(expectedShares).hasSize(edges.length + 1);
        Map<String, List<Double>> scoresByDay = new java.util.TreeMap<>();
        for (List<String> row : trino.query("SELECT CAST(day AS varchar), max(score) FROM iceberg.leaderlens.order_scores "
                + "WHERE day >= DATE '2031-01-01' AND model_version = 'order-v1' GROUP BY day, subject_id").rows()) {
            scoresByDay.computeIfAbsent(row.get(0), d -> new java.util.ArrayList<>()).add(Double.parseDouble(row.get(1)));
        }
        Map<String, Double> recomputed = new java.util.TreeMap<>();
        scoresByDay.forEach((day, scores) -> {
            double[] counts = new double[edges.length + 1];
            for (double score : scores) {
                int below = 0;
                for (double edge : edges) {
                    below += edge <= score ? 1 : 0;
                }
                counts[below]++;
            }
            double psi = 0;
            for (int i = 0; i < counts.length; i++) {
                double actual = Math.max(counts[i] / scores.size(), 1e-4);
                double expected = Math.max(expectedShares[i], 1e-4);
                psi += (actual - expected) * Math.log(actual / expected);
            }
            recomputed.put(day, psi);
        });
        Map<String, Double> fromView = new java.util.TreeMap<>();
        for (List<String> row : trino.query("SELECT CAST(day AS varchar), score_psi FROM iceberg.leaderlens.v_score_drift_daily "
                + "WHERE day >= DATE '2031-01-01' AND model_version = 'order-v1'").rows()) {
            fromView.put(row.get(0), Double.parseDouble(row.get(1)));
        }
        assertThat(fromView).as("days with order-v1 scores").isNotEmpty().containsOnlyKeys(recomputed.keySet());
        recomputed.forEach((day, psi) -> assertThat(fromView.get(day)).as("PSI on " + day).isCloseTo(psi, within(1e-9)));
    }

    /**
     * v_feature_drift_daily against a PSI computed here: every feature the registry row watches, each day's sampled
     * order rows (the scores' feature_sample JSON) binned against that feature's edges.
     */
    private static void assertFeatureDriftMatchesRecomputation(Trino trino) throws Exception {
        List<List<String>> baseline = trino.query("SELECT feature_bin_edges, feature_bin_shares FROM iceberg.leaderlens.model_registry "
                + "WHERE version_name = 'order-v1'").rows();
        assertThat(baseline).hasSize(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var mapOfArrays = new com.fasterxml.jackson.core.type.TypeReference<Map<String, double[]>>() {};
        Map<String, double[]> edges = json.readValue(baseline.get(0).get(0), mapOfArrays);
        Map<String, double[]> shares = json.readValue(baseline.get(0).get(1), mapOfArrays);
        assertThat(edges).as("features the drift watches").hasSize(5).containsOnlyKeys(shares.keySet());

        Map<String, List<Map<String, Double>>> samplesByDay = new java.util.TreeMap<>();
        long rows = 0;
        for (List<String> row : trino.query("SELECT CAST(day AS varchar), event_id, feature_sample FROM iceberg.leaderlens.order_scores "
                + "WHERE day >= DATE '2031-01-01' AND model_version = 'order-v1'").rows()) {
            rows++;
            // the sample is fixed by the event id: one row in eight, by its hash
            assertThat(row.get(2) != null).as("sampled " + row.get(1)).isEqualTo(Math.floorMod(row.get(1).hashCode(), 8) == 0);
            if (row.get(2) != null) {
                samplesByDay.computeIfAbsent(row.get(0), d -> new java.util.ArrayList<>())
                        .add(json.readValue(row.get(2), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Double>>() {}));
            }
        }
        assertThat(samplesByDay.values().stream().mapToLong(List::size).sum()).isBetween(rows / 12, rows / 5);

        Map<String, Double> recomputed = new java.util.TreeMap<>();
        samplesByDay.forEach((day, samples) -> edges.forEach((feature, featureEdges) -> {
            double[] counts = new double[featureEdges.length + 1];
            for (Map<String, Double> sample : samples) {
                int below = 0;
                for (double edge : featureEdges) {
                    below += edge <= sample.get(feature) ? 1 : 0;
                }
                counts[below]++;
            }
            double psi = 0;
            for (int i = 0; i < counts.length; i++) {
                double actual = Math.max(counts[i] / samples.size(), 1e-4);
                double expected = Math.max(shares.get(feature)[i], 1e-4);
                psi += (actual - expected) * Math.log(actual / expected);
            }
            recomputed.put(day + " " + feature, psi);
        }));
        Map<String, Double> fromView = new java.util.TreeMap<>();
        for (List<String> row : trino.query("SELECT CAST(day AS varchar), feature, feature_psi FROM iceberg.leaderlens.v_feature_drift_daily "
                + "WHERE day >= DATE '2031-01-01' AND model_version = 'order-v1' AND subject = 'order'").rows()) {
            fromView.put(row.get(0) + " " + row.get(1), Double.parseDouble(row.get(2)));
        }
        assertThat(fromView).as("days and features with order-v1 samples").isNotEmpty().containsOnlyKeys(recomputed.keySet());
        recomputed.forEach((key, psi) -> assertThat(fromView.get(key)).as("PSI of " + key).isCloseTo(psi, within(1e-9)));
    }

    private LabelledHistory history;

    private void trainModels(LeaderlensConfig config, Path registryDir) throws Exception {
        Path historyDir = Path.of("target/it-fraud-history");
        Simulations.toFiles(SimulationOptions.defaults(101, 120_000, 5), historyDir);
        LabelledHistory labelled = LabelledHistory.read(historyDir);
        history = labelled;
        AlertBudget budget = AlertBudget.from(config);
        FraudTraining training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(60), budget);
        ModelRegistry registry = new ModelRegistry(registryDir);
        List<ModelRegistry.Entry> saved = new java.util.ArrayList<>();
        for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
            FraudTraining.Trained t = training.train(labelled, subject, 0.7);
            saved.add(registry.save(subject, t.model().model(), t.anomaly(), t.model().threshold(),
                    io.leaderlens.services.FraudModels.metrics(t, budget), Map.of()));
        }
        io.leaderlens.cli.ModelRegistryTable.record(config, saved); // as ./leaderlens train does: the drift view's baseline
    }

    private static void simulate(LeaderlensConfig config, long seed, LocalDate startDay) throws Exception {
        SimulationOptions d = SimulationOptions.defaults(seed, 15_000, 2);
        CliContext.simulations(config).toKafka(new SimulationOptions(seed, d.events(), d.days(), startDay, d.zone(), d.maxJitterMillis(),
                d.duplicateRate(), true), Path.of("target/it-fraud-labels-" + seed + ".jsonl"), null);
    }

    private static void publishUpdate(LeaderlensConfig config, Path registryDir, int version, double threshold, String by, String reason)
            throws Exception {
        try (var publisher = io.leaderlens.services.DecisionPublisher.to(config.get("kafka.bootstrap-servers"))) {
            new io.leaderlens.services.ModelPromotions(publisher, config.get("topics.model-updates"))
                    .promote("order", registryDir, version, threshold, by, reason);
        }
    }

    /** A DOUBLE literal: a plain decimal literal is compared as DECIMAL and misses the stored double. */
    private static String sqlDouble(double value) {
        return "DOUBLE '" + value + "'";
    }

    private static long count(Trino trino, String sql) throws Exception {
        return Long.parseLong(trino.query(sql).rows().get(0).get(0));
    }

    private JobClient running;

    private void awaitCount(Trino trino, String sql, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            if (running != null && running.getJobStatus().get().isGloballyTerminalState()) {
                running.getJobExecutionResult().get(); // throws the job's failure
                throw new AssertionError("the scoring job ended early: " + running.getJobStatus().get());
            }
            last = count(trino, sql);
            if (last >= atLeast) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("timed out waiting for " + atLeast + " rows of: " + sql + " (have " + last + ")");
    }
}
