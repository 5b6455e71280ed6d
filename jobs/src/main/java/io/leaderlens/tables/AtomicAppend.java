package io.leaderlens.tables;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTransaction;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Rows appended to several leaderlens tables in one catalog commit (the REST catalog's multi-table transaction):
 * a reader sees every table's new rows or none of them, and a process killed before the commit leaves only
 * unreferenced data files behind. Each table's snapshot carries the same summary properties, so the commit can
 * be found again (which run wrote it).
 */
public final class AtomicAppend {
    private static final long TARGET_FILE_SIZE_BYTES = 128L * 1024 * 1024;

    private final Map<String, String> snapshotSummary;
    private final List<Staged<?>> staged = new ArrayList<>();

    public AtomicAppend(Map<String, String> snapshotSummary) {
        this.snapshotSummary = Map.copyOf(requireNonNull(snapshotSummary, "snapshotSummary"));
    }

    private record Staged<T>(TableDefinition<T> table, List<T> rows) {}

    /** Rows for one table (a table given twice gets both lists). */
    public <T> AtomicAppend add(TableDefinition<T> table, List<T> rows) {
        staged.add(new Staged<>(requireNonNull(table, "table"), List.copyOf(rows)));
        return this;
    }

    /**
     * Writes the data files and commits them to every table at once. Fails with Iceberg's
     * {@code CommitFailedException} when another writer changed one of the tables since they were loaded.
     */
    public void commit(Catalog catalog) {
        if (!(catalog instanceof RESTCatalog rest)) {
            throw new IllegalArgumentException("a multi-table commit needs the Iceberg REST catalog, not " + catalog.getClass().getName());
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, Transaction> transactions = new LinkedHashMap<>();
        for (Staged<?> s : staged) {
            Table table = tables.computeIfAbsent(s.table().name(), name -> catalog.loadTable(s.table().identifier()));
            Transaction transaction = transactions.computeIfAbsent(s.table().name(), name -> table.newTransaction());
            AppendFiles append = transaction.newAppend();
            for (DataFile file : write(table, s)) {
                append.appendFile(file);
            }
            snapshotSummary.forEach(append::set);
            append.commit(); // staged in the transaction; nothing reaches the catalog yet
        }
        List<TableCommit> commits = new ArrayList<>();
        for (Map.Entry<String, Transaction> t : transactions.entrySet()) {
            BaseTransaction transaction = (BaseTransaction) t.getValue();
            commits.add(TableCommit.create(TableIdentifier.of(TableDefinition.NAMESPACE, t.getKey()),
                    transaction.startMetadata(), transaction.currentMetadata()));
        }
        rest.commitTransaction(commits);
    }

    private static <T> List<DataFile> write(Table table, Staged<T> staged) {
        RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(table, FlinkSchemaUtil.convert(table.schema()),
                TARGET_FILE_SIZE_BYTES, FileFormat.PARQUET, staged.table().writeProperties(), List.of(), false);
        factory.initialize(0, 0);
        TaskWriter<RowData> writer = factory.create();
        try {
            for (T row : staged.rows()) {
                writer.write(staged.table().toRowData(row));
            }
            return List.of(writer.complete().dataFiles());
        } catch (IOException | RuntimeException e) {
            try {
                writer.abort();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof IOException io ? new UncheckedIOException("writing " + staged.table().name() + " failed", io)
                    : (RuntimeException) e;
        }
    }
}
