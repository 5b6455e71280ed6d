package io.leaderlens.tables;

import static io.leaderlens.tables.Column.required;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.InputTables;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Following a table's definition on an existing table, in Iceberg's own in-memory catalog. */
class IcebergCatalogsTest {
    @Test
    void anExistingDeadLetterTableLosesItsRawPayloadAndGainsTheDigest() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.initialize("test", Map.of());
        TableDefinition<DeadLetter> current = new InputTables(ZoneId.of("Asia/Shanghai")).deadLetters();
        // the table as the version before issue #13 created it: the bytes as received
        List<Column<DeadLetter>> columns = new java.util.ArrayList<>(current.columns().stream().filter(c -> !c.optional()).toList());
        columns.add(required("payload", Types.BinaryType.get(), d -> new byte[0], "the bytes as received"));
        TableDefinition<DeadLetter> before = new TableDefinition<>("dead_letters", "before", columns, null);
        IcebergCatalogs.createMissing(catalog, () -> List.of(before));

        IcebergCatalogs.createMissing(catalog, () -> List.of(current));

        Schema schema = catalog.loadTable(current.identifier()).schema();
        assertThat(schema.findField("payload")).as("the raw bytes' column is dropped").isNull();
        assertThat(schema.findField("payload_sha256")).isNotNull();
        assertThat(schema.columns()).extracting(Types.NestedField::name)
                .containsAll(current.columns().stream().map(Column::name).toList());
    }

    @Test
    void tablesAreCreatedSortedForTheDashboardsAndExistingOnesFollow() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.initialize("test", Map.of());
        TableDefinition<io.leaderlens.metrics.LeaderMetrics> daily = new io.leaderlens.jobs.leadermetrics.LeaderMetricsTables().leaderMetricsDaily();
        TableDefinition<?> leaderboard = new io.leaderlens.jobs.leadermetrics.LeaderMetricsTables().leaderboardDaily();
        // an existing table from before the sort orders
        List<Column<io.leaderlens.metrics.LeaderMetrics>> columns = daily.columns();
        IcebergCatalogs.createMissing(catalog, () -> List.of(new TableDefinition<>("leader_metrics_daily", "before", columns, "day")));

        IcebergCatalogs.createMissing(catalog, () -> List.of(daily, leaderboard));

        for (TableDefinition<?> table : List.of(daily, leaderboard)) {
            org.apache.iceberg.Table created = catalog.loadTable(table.identifier());
            assertThat(created.sortOrder().fields()).extracting(f -> created.schema().findColumnName(f.sourceId()))
                    .as(table.name()).containsExactlyElementsOf(table.sortColumns());
        }
        assertThat(daily.sortColumns()).containsExactly("leader_id");
        assertThat(leaderboard.sortColumns()).containsExactly("city", "rank");
    }

    @Test
    void anExistingTableStopsKeepingEveryMetadataVersion() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.initialize("test", Map.of());
        TableDefinition<io.leaderlens.metrics.LeaderMetrics> daily = new io.leaderlens.jobs.leadermetrics.LeaderMetricsTables().leaderMetricsDaily();
        catalog.createNamespace(TableDefinition.NAMESPACE);
        catalog.buildTable(daily.identifier(), daily.schema()).withPartitionSpec(daily.partitionSpec()).create(); // Iceberg's defaults
        org.apache.iceberg.BaseTable table = (org.apache.iceberg.BaseTable) catalog.loadTable(daily.identifier());
        String first = table.operations().current().metadataFileLocation();

        IcebergCatalogs.createMissing(catalog, () -> List.of(daily));
        for (int commit = 0; commit < 2 * TableDefinition.METADATA_VERSIONS_KEPT; commit++) {
            table.refresh();
            table.updateProperties().set("leaderlens.test-commit", String.valueOf(commit)).commit();
        }

        table.refresh();
        assertThat(table.operations().current().previousFiles()).hasSize(TableDefinition.METADATA_VERSIONS_KEPT);
        assertThat(exists(table, first)).as("the first metadata file is deleted").isFalse();
        String kept = table.operations().current().previousFiles().get(0).file();
        assertThat(exists(table, kept)).as("the versions still listed are kept").isTrue();
    }

    /** The in-memory file IO refuses to open a missing file instead of answering {@code exists()} with false. */
    private static boolean exists(org.apache.iceberg.Table table, String location) {
        try {
            return table.io().newInputFile(location).exists();
        } catch (org.apache.iceberg.exceptions.NotFoundException e) {
            return false;
        }
    }
}
