package io.leaderlens.cli;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.benchmark.FdhBenchmark;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "benchmark", mixinStandardHelpOptions = true, description = "External benchmarks of the fraud models.",
        subcommands = BenchmarkCommand.Fdh.class)
public final class BenchmarkCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "fdh", mixinStandardHelpOptions = true,
            description = "The Fraud-Detection-Handbook's transactions through leaderlens's events and features, handbook protocol "
                    + "(train a week, a week's label delay, test the next week); prints AUC, average precision, card precision@100 for the production features (what the live job computes) and, separately, "
                    + "for the benchmark-only features.")
    static final class Fdh implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "fdh_simulated_transactions_*.csv.gz")
        Path data;

        @Option(names = "--trees", description = "boosted trees (default ${DEFAULT-VALUE})")
        int trees = GradientBoostedTrees.Settings.defaults().trees();

        @Override
        public Integer call() throws Exception {
            Log.info("reading " + data);
            var transactions = FdhBenchmark.read(data);
            Log.info("read " + transactions.size() + " transactions");
            var settings = GradientBoostedTrees.Settings.defaults().withTrees(trees);
            FdhBenchmark benchmark = new FdhBenchmark(System.err);
            for (FdhBenchmark.Result result : List.of(
                    benchmark.runProduction(transactions, FdhBenchmark.Protocol.handbook(), settings),
                    benchmark.run(transactions, FdhBenchmark.Protocol.handbook(), settings))) {
                System.out.println();
                System.out.println(result.featureSet().equals("production")
                        ? "With the production features (the " + FraudFeatures.NAMES.size()
                                + " FraudFeatures the live scoring job computes):"
                        : "With the benchmark-only features (handbook-style spending windows and delayed pickup-point risk, not in production):");
                System.out.printf(Locale.ROOT, "train %s + %d days: %,d transactions, %,d frauds%n", result.protocol().trainStart(),
                        result.protocol().trainDays(), result.trainRows(), result.trainFrauds());
                System.out.printf(Locale.ROOT, "test  after a %d-day delay, %d days: %,d transactions, %,d frauds%n",
                        result.protocol().delayDays(), result.protocol().testDays(), result.testRows(), result.testFrauds());
                System.out.printf(Locale.ROOT, "AUC %.4f   average precision %.4f   card precision@100 %.4f%n", result.auc(),
                        result.averagePrecision(), result.cardPrecisionAt100());
                System.out.println("feature importance (top 8):");
                result.importance().entrySet().stream().sorted(Comparator.comparingDouble(e -> -e.getValue())).limit(8)
                        .forEach(e -> System.out.printf(Locale.ROOT, "  %-36s %.1f%n", e.getKey(), e.getValue()));
            }
            return 0;
        }
    }
}
