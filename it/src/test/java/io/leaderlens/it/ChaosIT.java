package io.leaderlens.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.chaos.ChaosReport;
import io.leaderlens.chaos.ChaosRun;
import io.leaderlens.chaos.FaultKind;
import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.LocalFlinkCluster;
import io.leaderlens.stack.StackPorts;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./leaderlens chaos}, smaller: the three jobs on a real session cluster (a JobManager and two TaskManagers, each
 * its own JVM) while a seeded simulation streams in, one fault of every kind, and every table and output topic of the
 * run checked against the recomputation from the simulator's JSON lines.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class ChaosIT {
    @Test
    void aChaosRunWithAFaultOfEveryKindLosesAndDoublesNothing() throws Exception {
        StackPorts free = StackPorts.free();
        Path registry = Path.of("target/it-chaos-registry").toAbsolutePath();
        LeaderMetricsIT.trainFraudModels(registry);
        LeaderlensConfig config = SharedStack.config()
                .with("stack.flink-rest-port", String.valueOf(free.kafka()))
                .with("stack.flink-rpc-port", String.valueOf(free.catalog()))
                .with("stack.flink-taskmanager-memory-mb", "1200")
                .with("fraud.registry", registry.toString())
                .with("job.target", "cluster");
        LocalFlinkCluster cluster = CliContext.flinkCluster(config);
        cluster.down(); // leftovers of an interrupted run
        Thread stop = new Thread(cluster::down, "stop-flink-cluster");
        Runtime.getRuntime().addShutdownHook(stop);
        cluster.up();
        try {
            // paced: events flow for four minutes, while the faults strike (those on commits first; all done by 3.5 min here)
            ChaosRun.Options options = new ChaosRun.Options(2031, 48_000, 3, LocalDate.of(2031, 3, 3), 7, 2_000, 200.0,
                    Path.of("target/it-chaos").toAbsolutePath());
            long began = System.nanoTime();
            ChaosReport report = new ChaosRun(config, cluster, CliContext.localStack(config),
                    line -> System.out.printf(java.util.Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - began) / 1e9, line)).run(options);
            System.out.println(report.render());

            for (FaultKind kind : FaultKind.values()) {
                assertThat(report.faultsOf(kind)).as("faults of kind " + kind).isPositive();
            }
            assertThat(report.faults()).as("the settle process was killed as it committed, not before")
                    .filteredOn(f -> f.kind() == FaultKind.SETTLEMENT_KILLED).allMatch(f -> f.target().contains("as it committed"));
            assertThat(report.checks()).extracting(ChaosReport.Check::name).contains("leader figures per day", "daily leaderboards",
                    "raw events landed once", "orders scored once", "fraud alerts once", "ledger balances to the cent",
                    "statements to the cent, one settlement run per week", "rate feed once", "no checkpoint committed twice");
            assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
        } finally {
            cluster.down();
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }
}
