package io.leaderlens.jobs.io;

import static java.util.Objects.requireNonNull;

import io.leaderlens.tables.CheckpointGuard;
import io.leaderlens.tables.TableDefinition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;

/** Appends a stream to an Iceberg table; data becomes visible at each checkpoint's commit (exactly once). */
public final class IcebergOutput<T> implements StreamOutput<T> {
    private final CatalogLoader catalog;
    private final TableDefinition<T> table;

    public IcebergOutput(CatalogLoader catalog, TableDefinition<T> table) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.table = requireNonNull(table, "table");
    }

    @Override
    public void attach(DataStream<T> stream) {
        TableDefinition<T> definition = table;
        IcebergSink.builderFor(stream, definition::toRowData, InternalTypeInfo.of(FlinkSchemaUtil.convert(definition.schema())))
                // the rows' schema: the sink checks it against the table's (names, types, order) and refuses a mismatch
                // at the start instead of writing values into the wrong columns
                .resolvedSchema(FlinkSchemaUtil.toResolvedSchema(definition.schema()))
                // commits retry when the table moved (maintenance) but never land a checkpoint twice
                .tableLoader(TableLoader.fromCatalog(CheckpointGuard.guarding(catalog), definition.identifier()))
                .uidSuffix(definition.name())
                .append()
                .name("iceberg:" + definition.name());
    }
}
