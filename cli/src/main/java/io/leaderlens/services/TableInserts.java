package io.leaderlens.services;

import io.leaderlens.stack.Trino;
import io.leaderlens.tables.TableDefinition;
import java.sql.SQLException;
import java.util.List;

/** Appends rows to an Iceberg table through Trino, a few hundred per statement (for command-sized writes). */
public final class TableInserts {
    private static final int ROWS_PER_INSERT = 500;

    private TableInserts() {}

    public static <T> void insert(Trino trino, TableDefinition<T> table, List<T> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            trino.execute(table.insertStatement("iceberg", rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))));
        }
    }
}
