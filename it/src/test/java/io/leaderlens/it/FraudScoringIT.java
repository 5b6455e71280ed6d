package io.leaderlens.it;

import io.leaderlens.cli.CliContext;
import io.leaderlens.services.Simulations;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.config.LeaderlensConfig;
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
            FraudTraining.Trained retrained = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(20))
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

        for (Notebooks.Cell cell : Notebooks.sqlCells(Path.of("../notebooks/risk-review.ipynb"))) {
            List<List<String>> rows = trino.query(cell.sql()).rows();
            if (!cell.mayBeEmpty()) {
                assertThat(rows).as("rows of risk notebook query:\n" + cell.sql()).isNotEmpty();
            }
        }
    }

    private LabelledHistory history;

    private void trainModels(LeaderlensConfig config, Path registryDir) throws Exception {
        Path historyDir = Path.of("target/it-fraud-history");
        Simulations.toFiles(SimulationOptions.defaults(101, 120_000, 5), historyDir);
        LabelledHistory labelled = LabelledHistory.read(historyDir);
        history = labelled;
        FraudTraining training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(60));
        ModelRegistry registry = new ModelRegistry(registryDir);
        for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
            FraudTraining.Trained t = training.train(labelled, subject, 0.7);
            registry.save(subject, t.model().model(), t.anomaly(), t.model().threshold(), Map.of(), Map.of());
        }
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
