package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.stack.Trino;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the Iceberg tables fast to read while the jobs write them, through Trino: small files compacted
 * ({@code optimize}), old snapshots expired ({@code expire_snapshots}) and files no snapshot references removed
 * ({@code remove_orphan_files}). Safe beside the streaming jobs: their commits retry past a maintenance commit
 * without landing a checkpoint twice ({@code CheckpointGuard}), and both retentions are at least the retention Trino
 * enforces (7 days by default) — a sink restored from a checkpoint finds its last commit among the snapshots, and a
 * data file written but not yet committed at a checkpoint is not an orphan (docs/maintenance.md).
 */
public final class TableMaintenance {
    /** What one table looked like before and after. */
    public record TableReport(String table, long filesBefore, long filesAfter, long snapshotsBefore, long snapshotsAfter, Duration took) {
        public TableReport {
            requireNonNull(table, "table");
            requireNonNull(took, "took");
        }
    }

    /**
     * @param fileSizeThreshold files below it are rewritten into larger ones (Trino's data size, e.g. {@code 64MB})
     * @param retention snapshots and unreferenced files older than this go (Trino's duration, e.g. {@code 7d})
     */
    public record Options(String fileSizeThreshold, String retention) {
        public Options {
            requireNonNull(fileSizeThreshold, "fileSizeThreshold");
            requireNonNull(retention, "retention");
            if (!fileSizeThreshold.matches("\\d+(B|kB|MB|GB)") || !retention.matches("\\d+(ms|s|m|h|d)")) {
                throw new IllegalArgumentException("file size threshold like 64MB and retention like 7d, got " + fileSizeThreshold
                        + " and " + retention);
            }
        }

        public static Options defaults() {
            return new Options("64MB", "7d");
        }
    }

    private static final String SCHEMA = "iceberg.leaderlens";

    private final Trino admin;
    private final Consumer<String> log;

    public TableMaintenance(Trino admin, Consumer<String> log) {
        this.admin = requireNonNull(admin, "admin");
        this.log = requireNonNull(log, "log");
    }

    /** Maintains each table in turn; one line per table as it finishes. */
    public List<TableReport> run(List<String> tables, Options options) throws SQLException {
        List<TableReport> reports = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            String table = tables.get(i);
            if (!table.matches("[a-z_0-9]+")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
            long started = System.nanoTime();
            long filesBefore = count(table, "files");
            long snapshotsBefore = count(table, "snapshots");
            String name = SCHEMA + "." + table;
            admin.execute("ALTER TABLE " + name + " EXECUTE optimize(file_size_threshold => '" + options.fileSizeThreshold() + "')");
            admin.execute("ALTER TABLE " + name + " EXECUTE expire_snapshots(retention_threshold => '" + options.retention() + "')");
            admin.execute("ALTER TABLE " + name + " EXECUTE remove_orphan_files(retention_threshold => '" + options.retention() + "')");
            TableReport report = new TableReport(table, filesBefore, count(table, "files"), snapshotsBefore, count(table, "snapshots"),
                    Duration.ofNanos(System.nanoTime() - started));
            reports.add(report);
            log.accept(String.format("maintain %d/%d %s: %,d -> %,d data files, %,d -> %,d snapshots (%.1f s)", i + 1, tables.size(), table,
                    report.filesBefore(), report.filesAfter(), report.snapshotsBefore(), report.snapshotsAfter(), report.took().toMillis() / 1000.0));
        }
        return reports;
    }

    /** Rows of one of the table's metadata tables ({@code $files}: live data files; {@code $snapshots}). */
    private long count(String table, String metadata) throws SQLException {
        return Long.parseLong(admin.query("SELECT count(*) FROM " + SCHEMA + ".\"" + table + "$" + metadata + "\"").rows().get(0).get(0));
    }
}
