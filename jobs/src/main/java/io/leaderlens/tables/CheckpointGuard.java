package io.leaderlens.tables;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * Lets the Iceberg Flink sink retry a commit the catalog refused because the table moved (table maintenance, another
 * writer) without ever committing a checkpoint twice. Iceberg re-applies a refused append to the new table state
 * without asking again whether that very checkpoint landed meanwhile — a commit still in flight when the job failed
 * over (apache/iceberg#14425). Each attempt passes through here with the table state it builds on: if that state
 * already holds a snapshot of the same Flink job and sink operator at this checkpoint or a later one, the attempt is
 * refused; the job then restores and its committer finds the checkpoint committed (docs/cluster.md).
 */
public final class CheckpointGuard {
    static final String JOB_ID = "flink.job-id";
    static final String OPERATOR_ID = "flink.operator-id";
    static final String MAX_COMMITTED_CHECKPOINT_ID = "flink.max-committed-checkpoint-id";

    private CheckpointGuard() {}

    /** Loads the catalog of {@code delegate}, whose tables commit through the guard. */
    public static CatalogLoader guarding(CatalogLoader delegate) {
        return new GuardedCatalogLoader(delegate);
    }

    /** The table with the guard between its updates and its catalog. */
    public static Table guard(Table table) {
        if (!(table instanceof HasTableOperations withOperations)) {
            throw new IllegalArgumentException("cannot guard the commits of " + table.getClass().getName());
        }
        return new BaseTable(new GuardedOperations(withOperations.operations()), table.name());
    }

    /**
     * The checkpoint of {@code jobId}'s sink operator {@code operatorId} that {@code metadata} last holds, walking back
     * from the current snapshot (the committer commits checkpoints in order, so the newest one it finds is the highest).
     */
    static OptionalLong lastCommittedCheckpoint(TableMetadata metadata, String jobId, String operatorId) {
        for (Snapshot s = metadata.currentSnapshot(); s != null; s = s.parentId() == null ? null : metadata.snapshot(s.parentId())) {
            Map<String, String> summary = s.summary();
            if (jobId.equals(summary.get(JOB_ID)) && operatorId.equals(summary.get(OPERATOR_ID))
                    && summary.get(MAX_COMMITTED_CHECKPOINT_ID) != null) {
                return OptionalLong.of(Long.parseLong(summary.get(MAX_COMMITTED_CHECKPOINT_ID)));
            }
        }
        return OptionalLong.empty();
    }

    private record GuardedCatalogLoader(CatalogLoader delegate) implements CatalogLoader {
        GuardedCatalogLoader {
            requireNonNull(delegate, "delegate");
        }

        @Override
        public Catalog loadCatalog() {
            return new GuardedCatalog(delegate.loadCatalog());
        }

        @Override
        @SuppressWarnings("MethodDoesntCallSuperMethod") // a record of an immutable loader: a copy of the delegate is a copy
        public CatalogLoader clone() {
            return new GuardedCatalogLoader(delegate.clone());
        }
    }

    /** Only {@link #loadTable} differs: the sink loads its table through it. */
    private record GuardedCatalog(Catalog delegate) implements Catalog {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<TableIdentifier> listTables(Namespace namespace) {
            return delegate.listTables(namespace);
        }

        @Override
        public boolean dropTable(TableIdentifier identifier, boolean purge) {
            return delegate.dropTable(identifier, purge);
        }

        @Override
        public void renameTable(TableIdentifier from, TableIdentifier to) {
            delegate.renameTable(from, to);
        }

        @Override
        public Table loadTable(TableIdentifier identifier) {
            return guard(delegate.loadTable(identifier));
        }
    }

    private record GuardedOperations(TableOperations delegate) implements TableOperations {
        @Override
        public void commit(TableMetadata base, TableMetadata metadata) {
            Snapshot added = metadata.currentSnapshot();
            if (base != null && added != null && base.snapshot(added.snapshotId()) == null) {
                Map<String, String> summary = added.summary();
                String jobId = summary.get(JOB_ID);
                String operatorId = summary.get(OPERATOR_ID);
                String checkpoint = summary.get(MAX_COMMITTED_CHECKPOINT_ID);
                if (jobId != null && operatorId != null && checkpoint != null) {
                    OptionalLong committed = lastCommittedCheckpoint(base, jobId, operatorId);
                    if (committed.isPresent() && committed.getAsLong() >= Long.parseLong(checkpoint)) {
                        // not a CommitFailedException, which Iceberg would retry: the job must restore and skip it
                        throw new ValidationException("checkpoint %s of job %s (sink operator %s) is in the table already, "
                                + "committed up to checkpoint %s: not committing it again (apache/iceberg#14425)",
                                checkpoint, jobId, operatorId, committed.getAsLong());
                    }
                }
            }
            delegate.commit(base, metadata);
        }

        @Override
        public TableMetadata current() {
            return delegate.current();
        }

        @Override
        public TableMetadata refresh() {
            return delegate.refresh();
        }

        @Override
        public FileIO io() {
            return delegate.io();
        }

        @Override
        public EncryptionManager encryption() {
            return delegate.encryption();
        }

        @Override
        public String metadataFileLocation(String fileName) {
            return delegate.metadataFileLocation(fileName);
        }

        @Override
        public LocationProvider locationProvider() {
            return delegate.locationProvider();
        }

        @Override
        public TableOperations temp(TableMetadata uncommittedMetadata) {
            return delegate.temp(uncommittedMetadata);
        }

        @Override
        public long newSnapshotId() {
            return delegate.newSnapshotId();
        }

        @Override
        public boolean requireStrictCleanup() {
            return delegate.requireStrictCleanup();
        }
    }
}
