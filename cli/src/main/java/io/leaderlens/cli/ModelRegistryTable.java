package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.fraudscoring.FraudScoringTables;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.stack.Trino;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records saved model versions in the Iceberg table {@code model_registry}, once each, through Trino. */
public final class ModelRegistryTable {
    private ModelRegistryTable() {}

    public static void record(LeaderlensConfig config, List<ModelRegistry.Entry> entries) throws Exception {
        FraudScoringTables tables = new FraudScoringTables(config.getZone("timezone"));
        IcebergCatalogs.createMissingTables(config, tables);
        TableDefinition<ModelRegistry.Entry> table = tables.modelRegistry();
        Trino trino = CliContext.trino(config);
        Set<String> recorded = new HashSet<>();
        for (List<String> row : trino.query("SELECT version_name FROM iceberg.leaderlens.model_registry").rows()) {
            recorded.add(row.get(0));
        }
        List<ModelRegistry.Entry> missing = entries.stream().filter(e -> !recorded.contains(e.versionName())).toList();
        if (!missing.isEmpty()) {
            trino.execute(table.insertStatement("iceberg", missing));
            Log.info("recorded " + String.join(", ", missing.stream().map(ModelRegistry.Entry::versionName).toList())
                    + " in iceberg.leaderlens.model_registry");
        }
    }
}
