package io.leaderlens.it;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.io.IcebergOutput;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.tables.TableSet;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;

/**
 * A table that gains columns when a newer build first writes to it (the raw order table with the v3 price breakdown):
 * Iceberg adds a column after the table's older ones, while the writers build rows in the definition's order, where the
 * new ones come before the day (and Iceberg's sink refuses rows whose columns come in another order). The new rows
 * must land in their columns, and rows written before the change read the new columns as null.
 */
class TableEvolutionIT {
    /** A probe row; {@code discounts} is a list of (kind, cents) as the raw order table's discounts are. */
    record Probe(String id, long amountCents, Long listAmountCents, List<Object[]> discounts, LocalDate day) implements Serializable {}

    @Test
    void rowsOfANewerDefinitionLandInTheirColumns() throws Exception {
        LeaderlensConfig config = SharedStack.config();
        String table = "it_evolution_probe_" + System.currentTimeMillis();
        LocalDate day = LocalDate.of(2037, 3, 4);
        List<Probe> rows = List.of(new Probe("old", 700, null, null, day),
                new Probe("new", 1_400, 2_000L, List.of(new Object[] {"GROUP_PRICE", 100L}, new Object[] {"FLASH_SALE", 500L}), day));
        TableDefinition<Integer> before = firstVersion(table, rows);
        TableDefinition<Integer> after = secondVersion(table, rows);
        try {
            IcebergCatalogs.createMissingTables(config, tables(before));
            write(config, before, 0);
            IcebergCatalogs.createMissingTables(config, tables(after)); // adds the two columns, and moves them before "day"
            write(config, after, 1);

            Trino trino = CliContext.trino(config);
            List<List<String>> read = trino.query("SELECT id, amount_cents, list_amount_cents, cardinality(discounts), "
                    + "discounts[2].kind, discounts[2].amount_cents, day FROM iceberg.leaderlens." + table + " ORDER BY id").rows();
            assertThat(read).containsExactly(
                    java.util.Arrays.asList("new", "1400", "2000", "2", "FLASH_SALE", "500", "2037-03-04"),
                    java.util.Arrays.asList("old", "700", null, null, null, null, "2037-03-04"));
        } finally {
            IcebergCatalogs.withCatalog(config, catalog -> catalog.dropTable(after.identifier(), true));
        }
    }

    /** Rows are written by their index into {@code rows}: a plain Integer crosses the job, the probe stays in the getters. */
    private static TableDefinition<Integer> firstVersion(String table, List<Probe> rows) {
        return new TableDefinition<>(table, "probe, first version", List.of(
                required("id", Types.StringType.get(), i -> rows.get(i).id(), null),
                required("amount_cents", Types.LongType.get(), i -> rows.get(i).amountCents(), null),
                required("day", Types.DateType.get(), i -> rows.get(i).day(), null)), "day");
    }

    private static TableDefinition<Integer> secondVersion(String table, List<Probe> rows) {
        Types.StructType discount = Types.StructType.of(
                Types.NestedField.required(1_001, "kind", Types.StringType.get()),
                Types.NestedField.required(1_002, "amount_cents", Types.LongType.get()));
        return new TableDefinition<>(table, "probe, second version", List.of(
                required("id", Types.StringType.get(), i -> rows.get(i).id(), null),
                required("amount_cents", Types.LongType.get(), i -> rows.get(i).amountCents(), null),
                optional("list_amount_cents", Types.LongType.get(), i -> rows.get(i).listAmountCents(), null),
                optional("discounts", Types.ListType.ofRequired(1_000, discount), i -> rows.get(i).discounts(), null),
                required("day", Types.DateType.get(), i -> rows.get(i).day(), null)), "day");
    }

    private static TableSet tables(TableDefinition<Integer> definition) {
        return () -> List.of(definition);
    }

    private static void write(LeaderlensConfig config, TableDefinition<Integer> definition, int row) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobTypes.configure(env);
        new IcebergOutput<>(IcebergCatalogs.loader(config), definition)
                .attach(env.fromData(org.apache.flink.api.common.typeinfo.Types.INT, row));
        env.execute("write " + definition.name());
    }
}
