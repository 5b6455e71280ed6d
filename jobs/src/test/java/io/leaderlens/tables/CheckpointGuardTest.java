package io.leaderlens.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard on a real Iceberg catalog (Iceberg's in-memory one): commits as the Flink sink's committer makes them. */
class CheckpointGuardTest {
    private static final TableIdentifier ID = TableIdentifier.of("leaderlens", "events_order");
    private InMemoryCatalog catalog;
    private int files;

    @BeforeEach
    void createTable() {
        catalog = new InMemoryCatalog();
        catalog.initialize("test", Map.of());
        catalog.createNamespace(Namespace.of("leaderlens"));
        catalog.createTable(ID, new Schema(Types.NestedField.required(1, "event_id", Types.StringType.get())), PartitionSpec.unpartitioned());
    }

    @Test
    void aCheckpointAlreadyInTheTableIsNotCommittedAgain() {
        Table restarted = CheckpointGuard.guard(catalog.loadTable(ID)); // the restored committer, before the late commit lands
        commitCheckpoint(CheckpointGuard.guard(catalog.loadTable(ID)), "job-1", "sink-a", 5); // the attempt held in flight lands

        assertThatThrownBy(() -> commitCheckpoint(restarted, "job-1", "sink-a", 5)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("checkpoint 5 of job job-1").hasMessageContaining("apache/iceberg#14425");
        assertThat(checkpointsCommitted("job-1", "sink-a")).containsExactly(5L);
        assertThat(dataFiles()).as("the checkpoint's files once").isEqualTo(1);
    }

    @Test
    void aCommitRetriesPastAnotherWritersCommitAndLands() {
        commitCheckpoint(CheckpointGuard.guard(catalog.loadTable(ID)), "job-1", "sink-a", 5);
        Table sink = CheckpointGuard.guard(catalog.loadTable(ID));
        catalog.loadTable(ID).newAppend().appendFile(file()).commit(); // maintenance or another job, meanwhile

        commitCheckpoint(sink, "job-1", "sink-a", 6);
        // another sink operator of the same job at the same checkpoint is not the same commit
        commitCheckpoint(CheckpointGuard.guard(catalog.loadTable(ID)), "job-1", "sink-b", 6);

        assertThat(checkpointsCommitted("job-1", "sink-a")).containsExactly(6L, 5L);
        assertThat(checkpointsCommitted("job-1", "sink-b")).containsExactly(6L);
        assertThat(dataFiles()).isEqualTo(4);
    }

    @Test
    void theLastCommittedCheckpointIsTheNewestOfThatJobAndOperator() {
        commitCheckpoint(CheckpointGuard.guard(catalog.loadTable(ID)), "job-1", "sink-a", 3);
        commitCheckpoint(CheckpointGuard.guard(catalog.loadTable(ID)), "job-2", "sink-a", 9);
        catalog.loadTable(ID).newAppend().appendFile(file()).commit();

        var metadata = ((org.apache.iceberg.HasTableOperations) catalog.loadTable(ID)).operations().current();
        assertThat(CheckpointGuard.lastCommittedCheckpoint(metadata, "job-1", "sink-a")).hasValue(3);
        assertThat(CheckpointGuard.lastCommittedCheckpoint(metadata, "job-2", "sink-a")).hasValue(9);
        assertThat(CheckpointGuard.lastCommittedCheckpoint(metadata, "job-3", "sink-a")).isEmpty();
    }

    private void commitCheckpoint(Table table, String jobId, String operatorId, long checkpoint) {
        table.newAppend().appendFile(file())
                .set(CheckpointGuard.JOB_ID, jobId)
                .set(CheckpointGuard.OPERATOR_ID, operatorId)
                .set(CheckpointGuard.MAX_COMMITTED_CHECKPOINT_ID, Long.toString(checkpoint))
                .commit();
    }

    private DataFile file() {
        return DataFiles.builder(PartitionSpec.unpartitioned()).withPath("/warehouse/data/file-" + files++ + ".parquet")
                .withFileSizeInBytes(100).withRecordCount(1).withFormat(FileFormat.PARQUET).build();
    }

    /** Newest first, from the summaries of all the table's snapshots. */
    private java.util.List<Long> checkpointsCommitted(String jobId, String operatorId) {
        return StreamSupport.stream(catalog.loadTable(ID).snapshots().spliterator(), false)
                .filter(s -> jobId.equals(s.summary().get(CheckpointGuard.JOB_ID)) && operatorId.equals(s.summary().get(CheckpointGuard.OPERATOR_ID)))
                .sorted(java.util.Comparator.comparingLong(Snapshot::sequenceNumber).reversed())
                .map(s -> Long.parseLong(s.summary().get(CheckpointGuard.MAX_COMMITTED_CHECKPOINT_ID))).toList();
    }

    private long dataFiles() {
        return StreamSupport.stream(catalog.loadTable(ID).newScan().planFiles().spliterator(), false).count();
    }
}
