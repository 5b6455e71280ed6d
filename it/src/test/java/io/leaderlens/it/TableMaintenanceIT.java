package io.leaderlens.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.recompute.Recomputation;
import io.leaderlens.services.Simulations;
import io.leaderlens.services.TableMaintenance;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./leaderlens maintain} (compaction, snapshot expiry, orphan removal through Trino) run again and again on the
 * tables the leader metrics job is appending to at every checkpoint: with restarts switched off, a commit that failed
 * because the table moved would fail the job. It keeps running, and every simulated event lands exactly once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TableMaintenanceIT {
    private static final long SEED = 808;
    private static final LocalDate FIRST_DAY = LocalDate.of(2034, 2, 1);
    // other ITs of the suite write into the same days of the shared tables: this world's rows are its leaders' rows
    private static final String OURS = "day >= DATE '2034-01-01' AND day < DATE '2035-01-01' AND leader_id LIKE 'L"
            + Long.toString(SEED, 36) + "-%'";
    private static final List<String> WRITTEN = List.of("events_order", "events_group_buy", "events_referral", "leader_metrics_minute");

    @Test
    void maintenanceBesideAWritingJobFailsNoCommitAndLosesOrDoublesNothing() throws Exception {
        LeaderlensConfig config = SharedStack.config()
                .with("job.consumer-group", "it-maintain-" + UUID.randomUUID())
                .with("job.checkpoint-interval", "PT2S");
        Trino admin = CliContext.trino(config, "admin");
        SimulationOptions d = SimulationOptions.defaults(SEED, 12_000, 2);
        SimulationOptions options = new SimulationOptions(SEED, d.events(), d.days(), FIRST_DAY, d.zone(), d.maxJitterMillis(),
                d.duplicateRate(), true);
        Path dir = Path.of("target/it-maintenance");
        Simulations.toFiles(options, dir);
        long unique = Recomputation.of(dir.resolve("events.jsonl"), config.getZone("timezone")).uniqueEvents;

        var start = JobRuns.snapshotOffsets(config);
        LeaderMetricsRunner runner = new LeaderMetricsRunner(config);
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = runner.environment(noRestarts);
        runner.build(env, false, start);
        JobClient job = env.executeAsync("leader-metrics-under-maintenance");
        try {
            // paced, so that the job commits new data at every checkpoint while maintenance commits beside it
            CompletableFuture<Long> streaming = CompletableFuture.supplyAsync(() -> {
                try {
                    return CliContext.simulations(config).toKafka(options, dir.resolve("labels-kafka.jsonl"), 250.0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            TableMaintenance maintenance = new TableMaintenance(admin, System.out::println);
            List<TableMaintenance.TableReport> reports = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            int runsAfterStreaming = 0;
            while (runsAfterStreaming < 2 || landed(admin) < unique) {
                assertThat(System.nanoTime()).as("every event landed in time").isLessThan(deadline);
                reports.addAll(maintenance.run(WRITTEN, TableMaintenance.Options.defaults()));
                assertThat(job.getJobStatus().get()).as("no commit of the job failed beside maintenance").isEqualTo(JobStatus.RUNNING);
                if (streaming.isDone()) {
                    streaming.get();
                    runsAfterStreaming++;
                }
            }
            // the table's own history: a compaction committed between two of the job's checkpoint commits
            List<List<String>> history = admin.query("SELECT operation, coalesce(element_at(summary, 'flink.job-id'), '') "
                    + "FROM iceberg.leaderlens.\"events_order$snapshots\" ORDER BY committed_at, snapshot_id").rows();
            String jobId = job.getJobID().toString();
            int firstAppend = -1;
            int lastAppend = -1;
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).get(1).equals(jobId)) {
                    firstAppend = firstAppend < 0 ? i : firstAppend;
                    lastAppend = i;
                }
            }
            assertThat(history.subList(Math.max(firstAppend, 0), Math.max(lastAppend, 0))).as("a compaction between the job's commits")
                    .anyMatch(snapshot -> snapshot.get(0).equals("replace"));
            assertThat(reports).as("compaction merged the checkpoints' small files")
                    .anyMatch(r -> r.table().equals("events_order") && r.filesAfter() < r.filesBefore());

            Thread.sleep(5_000); // two more checkpoints: nothing lands a second time
            assertThat(landed(admin)).as("every simulated event once").isEqualTo(unique);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(admin.query("SELECT count(*) - count(DISTINCT event_id) FROM iceberg.leaderlens.events_order WHERE " + OURS)
                    .rows().get(0).get(0)).isEqualTo("0");
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static long landed(Trino trino) throws Exception {
        return Long.parseLong(trino.query(InputTables.countRawEventsSql("iceberg.leaderlens", OURS)).rows().get(0).get(0));
    }
}
