package io.leaderlens.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaderlens.models.benchmark.FdhBenchmark;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The external benchmark on the real Fraud-Detection-Handbook data (shared/datasets/fdh beside the checkout), through
 * the production features the live job computes: the published best is AUC 0.879, average precision 0.694 and card
 * precision@100 0.304; the target is to reach 0.88 / 0.70 / 0.30. (The benchmark-only feature set is for comparison,
 * in {@code ./leaderlens benchmark fdh}.)
 */
class FdhBenchmarkIT {
    private static final Path DATA = Path.of("../../shared/datasets/fdh/fdh_simulated_transactions_2018-04-01_2018-09-30.csv.gz");

    @Test
    @Timeout(600)
    void productionFeaturesReachTheTargetsOnTheHandbookProtocol() throws Exception {
        assumeTrue(Files.isRegularFile(DATA), "handbook data not found at " + DATA.toAbsolutePath());
        FdhBenchmark.Result result = new FdhBenchmark(System.err)
                .runProduction(FdhBenchmark.read(DATA), FdhBenchmark.Protocol.handbook(), GradientBoostedTrees.Settings.defaults());
        assertThat(result.testFrauds()).isGreaterThan(100);
        assertThat(result.auc()).isGreaterThanOrEqualTo(0.88);
        assertThat(result.averagePrecision()).isGreaterThanOrEqualTo(0.70);
        assertThat(result.cardPrecisionAt100()).isGreaterThanOrEqualTo(0.30);
    }
}
