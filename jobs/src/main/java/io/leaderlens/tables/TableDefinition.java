package io.leaderlens.tables;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.types.Type;
import java.util.Map;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * One Iceberg table of leaderlens: its name, columns and partitioning, and the conversion of a Java row
 * into Flink's internal row. The schema and the writer come from the same column list, so they cannot drift.
 */
public final class TableDefinition<T> implements Serializable {
    public static final Namespace NAMESPACE = Namespace.of("leaderlens");

    private final String name;
    private final String description;
    private final List<Column<T>> columns;
    private final String partitionColumn;
    private final List<String> retiredColumns;
    private final List<String> sortColumns;

    public TableDefinition(String name, String description, List<Column<T>> columns, String partitionColumn) {
        this(name, description, columns, partitionColumn, List.of(), List.of());
    }

    private TableDefinition(String name, String description, List<Column<T>> columns, String partitionColumn,
                            List<String> retiredColumns, List<String> sortColumns) {
        this.name = requireNonNull(name, "name");
        this.description = requireNonNull(description, "description");
        this.columns = List.copyOf(columns);
        this.partitionColumn = partitionColumn;
        this.retiredColumns = List.copyOf(retiredColumns);
        this.sortColumns = List.copyOf(sortColumns);
        for (String column : sortColumns) {
            if (columns.stream().noneMatch(c -> c.name().equals(column))) {
                throw new IllegalArgumentException("table " + name + " has no column " + column + " to sort by");
            }
        }
    }

    /** The same table, with columns an earlier version had: they are dropped from an existing table when found. */
    public TableDefinition<T> retiring(String... columnNames) {
        return new TableDefinition<>(name, description, columns, partitionColumn, List.of(columnNames), sortColumns);
    }

    /**
     * The same table, its rows sorted by these columns within each data file that compaction writes (the dashboards
     * filter on them; Parquet's min/max per row group then skip most of a file). The jobs append unsorted.
     */
    public TableDefinition<T> sortedBy(String... columnNames) {
        return new TableDefinition<>(name, description, columns, partitionColumn, retiredColumns, List.of(columnNames));
    }

    public List<String> sortColumns() {
        return sortColumns;
    }

    public SortOrder sortOrder() {
        if (sortColumns.isEmpty()) {
            return SortOrder.unsorted();
        }
        SortOrder.Builder order = SortOrder.builderFor(schema());
        sortColumns.forEach(order::asc);
        return order.build();
    }

    public List<String> retiredColumns() {
        return retiredColumns;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Column<T>> columns() {
        return columns;
    }

    public TableIdentifier identifier() {
        return TableIdentifier.of(NAMESPACE, name);
    }

    public Schema schema() {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (Column<T> column : columns) {
            fields.add(Types.NestedField.of(id++, column.optional(), column.name(), column.type(), column.doc()));
        }
        return new Schema(fields);
    }

    public PartitionSpec partitionSpec() {
        return partitionColumn == null ? PartitionSpec.unpartitioned()
                : PartitionSpec.builderFor(schema()).identity(partitionColumn).build();
    }

    public Map<String, String> properties() {
        // Trino 476 bundles Iceberg 1.9: write format v2 tables
        return Map.of(TableProperties.FORMAT_VERSION, "2", "comment", description);
    }

    /**
     * Write settings every table follows, existing ones included (set again when they differ). Parquet files are
     * written without dictionaries: the streaming jobs write a small file per table and checkpoint, ids (events,
     * orders, members, devices) are nearly all distinct, and looking every value up in a dictionary — first in
     * 2 MiB ones that were then dropped, later in 64 KiB ones that still held leaders, cities and products — was
     * 18%, then 11% of the leader metrics job's CPU (docs/benchmarks.md, 2026-11-28). The same input came out at
     * the same bytes with zstd either way. Compaction ({@code ./leaderlens maintain}, Trino's {@code optimize})
     * rewrites the files with Trino's own Parquet writer, whose encoding choices do not follow this property.
     *
     * <p>A commit the catalog refused because the table moved (maintenance, another job) is retried: the Flink
     * sinks commit through {@link CheckpointGuard}, which refuses a retry that would land a checkpoint twice
     * (apache/iceberg#14425). Until 2026-11-27 single-writer tables turned retries off instead, at the price of a
     * failover whenever anything else committed to them.
     *
     * <p>Every commit writes a new table metadata file listing all live snapshots (about 1 KB each): kept forever,
     * 430 commits of one table left 114 MB of them (bench/dashboards, 2026-11-27). The oldest beyond the last
     * {@value #METADATA_VERSIONS_KEPT} are deleted after each commit.
     */
    public Map<String, String> writeProperties() {
        return Map.of(PARQUET_DICTIONARY, "false",
                TableProperties.COMMIT_NUM_RETRIES, String.valueOf(TableProperties.COMMIT_NUM_RETRIES_DEFAULT),
                TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
                TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, String.valueOf(METADATA_VERSIONS_KEPT));
    }

    static final int METADATA_VERSIONS_KEPT = 20;
    /** Read by Iceberg's Parquet writer from the table's properties (it has no TableProperties constant). */
    static final String PARQUET_DICTIONARY = "parquet.enable.dictionary";

    public RowData toRowData(T row) {
        GenericRowData out = new GenericRowData(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            Object value = column.getter().get(row);
            if (value == null && !column.optional()) {
                throw new IllegalArgumentException("column " + name + "." + column.name() + " is required but null");
            }
            out.setField(i, internal(value, column.type()));
        }
        return out;
    }

    /** Java values to Flink's internal representation. */
    private static Object internal(Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.math.BigDecimal d && type instanceof Types.DecimalType decimal) {
            java.math.BigDecimal scaled = d.setScale(decimal.scale(), java.math.RoundingMode.UNNECESSARY); // never round money quietly
            return org.apache.flink.table.data.DecimalData.fromBigDecimal(scaled, decimal.precision(), decimal.scale());
        }
        if (value instanceof String s) {
            return StringData.fromString(s);
        }
        if (value instanceof LocalDate d) {
            return (int) d.toEpochDay();
        }
        if (value instanceof Instant i) {
            return TimestampData.fromInstant(i);
        }
        if (value instanceof ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Enum<?> e) {
            return StringData.fromString(e.name());
        }
        if (value instanceof List<?> list && type instanceof Types.ListType listType) {
            Object[] elements = new Object[list.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = internal(list.get(i), listType.elementType());
            }
            return new GenericArrayData(elements);
        }
        if (value instanceof Object[] fields && type instanceof Types.StructType struct) {
            GenericRowData row = new GenericRowData(fields.length);
            for (int i = 0; i < fields.length; i++) {
                row.setField(i, internal(fields[i], struct.fields().get(i).type()));
            }
            return row;
        }
        return value; // Long, Integer, Double, Boolean, byte[]
    }

    /**
     * One SQL {@code INSERT} of rows into this table under a catalog, values rendered as typed literals: for
     * small appends from commands (the model registry), through the SQL engine rather than a Flink job.
     */
    public String insertStatement(String catalog, List<T> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to insert into " + name);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(catalog).append('.').append(NAMESPACE).append('.').append(name)
                .append(" (").append(String.join(", ", columns.stream().map(Column::name).toList())).append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < columns.size(); i++) {
                Column<T> column = columns.get(i);
                Object value = column.getter().get(rows.get(r));
                if (value == null && !column.optional()) {
                    throw new IllegalArgumentException("column " + name + "." + column.name() + " is required but null");
                }
                sql.append(i == 0 ? "" : ", ").append(sqlLiteral(value, column.type()));
            }
            sql.append(')');
        }
        return sql.toString();
    }

    static String sqlLiteral(Object value, Type type) {
        if (value == null) {
            return "NULL";
        }
        return switch (type.typeId()) {
            case STRING -> "'" + String.valueOf(value instanceof Enum<?> e ? e.name() : value).replace("'", "''") + "'";
            case LONG -> "BIGINT '" + value + "'";
            case INTEGER -> "INTEGER '" + value + "'";
            case DOUBLE -> "DOUBLE '" + value + "'";
            case DECIMAL -> "DECIMAL '" + ((java.math.BigDecimal) value).toPlainString() + "'";
            case BOOLEAN -> value.toString();
            case DATE -> "DATE '" + value + "'";
            case TIMESTAMP -> "from_iso8601_timestamp_nanos('" + value + "')";
            default -> throw new IllegalArgumentException("no SQL literal for " + type);
        };
    }
}
