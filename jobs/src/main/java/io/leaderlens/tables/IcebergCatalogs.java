package io.leaderlens.tables;

import io.leaderlens.config.LeaderlensConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.flink.CatalogLoader;

/** The Iceberg REST catalog all of leaderlens writes to and Trino reads from. */
public final class IcebergCatalogs {
    public static final String CATALOG_NAME = "leaderlens";

    private IcebergCatalogs() {}

    public static CatalogLoader loader(LeaderlensConfig config) {
        return CatalogLoader.rest(CATALOG_NAME, new Configuration(), properties(config));
    }

    static Map<String, String> properties(LeaderlensConfig config) {
        return Map.of(
                CatalogProperties.URI, config.get("catalog.uri"),
                CatalogProperties.WAREHOUSE_LOCATION, config.get("catalog.warehouse"),
                // the local warehouse is a file:/// URI; Hadoop's file system reads and writes it
                CatalogProperties.FILE_IO_IMPL, config.find("catalog.io-impl").orElse("org.apache.iceberg.hadoop.HadoopFileIO"));
    }

    /** Opens the catalog, creates what is missing, and closes it again. */
    public static void createMissingTables(LeaderlensConfig config, TableSet tables) {
        withCatalog(config, catalog -> createMissing(catalog, tables));
    }

    /** Drops every table of the set with its data and creates them empty (demo and tests only). */
    public static void recreateTables(LeaderlensConfig config, TableSet tables) {
        withCatalog(config, catalog -> {
            for (TableDefinition<?> table : tables.all()) {
                catalog.dropTable(table.identifier(), true);
            }
            createMissing(catalog, tables);
        });
    }

    /**
     * Creates the namespace and every table of the set that does not exist yet; an existing table gains the optional
     * columns added to its definition since (schema evolution), keeps its data, and follows the write properties.
     */
    public static void createMissing(Catalog catalog, TableSet tables) {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(TableDefinition.NAMESPACE)) {
            namespaces.createNamespace(TableDefinition.NAMESPACE);
        }
        for (TableDefinition<?> table : tables.all()) {
            if (!catalog.tableExists(table.identifier())) {
                Map<String, String> properties = new HashMap<>(table.properties());
                properties.putAll(table.writeProperties());
                catalog.buildTable(table.identifier(), table.schema()).withPartitionSpec(table.partitionSpec())
                        .withSortOrder(table.sortOrder()).withProperties(properties).create();
            } else {
                org.apache.iceberg.Table existing = catalog.loadTable(table.identifier());
                addMissingColumns(existing, table);
                followWriteProperties(existing, table);
                followSortOrder(catalog.loadTable(table.identifier()), table);
            }
        }
    }

    /** The definition's sort order, by column names (field ids differ between tables and definitions). */
    private static void followSortOrder(org.apache.iceberg.Table existing, TableDefinition<?> definition) {
        java.util.List<String> current = existing.sortOrder().fields().stream()
                .map(f -> existing.schema().findColumnName(f.sourceId())).toList();
        if (!current.equals(definition.sortColumns())) {
            org.apache.iceberg.ReplaceSortOrder replace = existing.replaceSortOrder();
            definition.sortColumns().forEach(replace::asc);
            replace.commit();
        }
    }

    private static void followWriteProperties(org.apache.iceberg.Table existing, TableDefinition<?> definition) {
        Map<String, String> wanted = definition.writeProperties();
        if (!existing.properties().entrySet().containsAll(wanted.entrySet())) {
            org.apache.iceberg.UpdateProperties update = existing.updateProperties();
            wanted.forEach(update::set);
            update.commit();
        }
    }

    /**
     * New optional columns only: a required column cannot be added to rows already written. Retired columns are
     * dropped (a metadata change: the values stay in the old data files until those are rewritten or expired). The
     * columns are then put in the definition's order (a metadata change too): the writers build rows in that order,
     * and Iceberg's sink refuses rows whose columns come in another order than the table's — where a new column would
     * otherwise sit after all the older ones (the raw event tables' {@code day}).
     */
    private static void addMissingColumns(org.apache.iceberg.Table existing, TableDefinition<?> definition) {
        org.apache.iceberg.UpdateSchema update = existing.updateSchema();
        boolean changed = false;
        for (Column<?> column : definition.columns()) {
            if (existing.schema().findField(column.name()) == null) {
                if (!column.optional()) {
                    throw new IllegalStateException("table " + definition.name() + " lacks required column " + column.name()
                            + ": it cannot be added to existing rows; recreate the table (./leaderlens demo does) or make it optional");
                }
                update.addColumn(column.name(), column.type(), column.doc());
                changed = true;
            }
        }
        for (String retired : definition.retiredColumns()) {
            if (existing.schema().findField(retired) != null) {
                update.deleteColumn(retired);
                changed = true;
            }
        }
        List<String> wanted = definition.columns().stream().map(Column::name).toList();
        List<String> present = existing.schema().columns().stream().map(org.apache.iceberg.types.Types.NestedField::name)
                .filter(wanted::contains).toList();
        if (changed || !present.equals(wanted.stream().filter(present::contains).toList())) {
            for (int i = 1; i < wanted.size(); i++) {
                update.moveAfter(wanted.get(i), wanted.get(i - 1));
            }
            changed = true;
        }
        if (changed) {
            update.commit();
        }
    }

    public static void withCatalog(LeaderlensConfig config, java.util.function.Consumer<Catalog> action) {
        Catalog catalog = loader(config).loadCatalog();
        try {
            action.accept(catalog);
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new UncheckedIOException(new IOException("closing the catalog failed", e));
                }
            }
        }
    }
}
