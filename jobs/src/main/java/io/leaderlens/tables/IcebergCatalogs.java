package io.leaderlens.tables;

import io.leaderlens.config.LeaderlensConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
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
    public static void createMissingTables(LeaderlensConfig config, LeaderlensTables tables) {
        withCatalog(config, tables::createMissing);
    }

    /** Drops every leaderlens table with its data and creates them empty (demo and tests only). */
    public static void recreateTables(LeaderlensConfig config, LeaderlensTables tables) {
        withCatalog(config, catalog -> {
            for (TableDefinition<?> table : tables.all()) {
                catalog.dropTable(table.identifier(), true);
            }
            tables.createMissing(catalog);
        });
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
