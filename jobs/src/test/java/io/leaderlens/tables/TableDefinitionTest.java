package io.leaderlens.tables;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TableDefinitionTest {
    record Row(String name, long cents, Double rate, Instant at, LocalDate day) {}

    private final TableDefinition<Row> table = new TableDefinition<>("rows", "test rows", List.of(
            required("name", Types.StringType.get(), Row::name, null),
            required("cents", Types.LongType.get(), Row::cents, null),
            optional("rate", Types.DoubleType.get(), Row::rate, null),
            required("at", Types.TimestampType.withZone(), Row::at, null),
            required("day", Types.DateType.get(), Row::day, null)), null);

    @Test
    void insertRendersTypedLiteralsAndEscapesQuotes() {
        String sql = table.insertStatement("iceberg", List.of(
                new Row("O'Brien", 1234, 0.125, Instant.parse("2026-11-16T01:02:03.004Z"), LocalDate.of(2026, 11, 16)),
                new Row("x", -5, null, Instant.EPOCH, LocalDate.of(1970, 1, 1))));
        assertThat(sql).isEqualTo("INSERT INTO iceberg.leaderlens.rows (name, cents, rate, at, day) VALUES "
                + "('O''Brien', BIGINT '1234', DOUBLE '0.125', from_iso8601_timestamp_nanos('2026-11-16T01:02:03.004Z'), DATE '2026-11-16'), "
                + "('x', BIGINT '-5', NULL, from_iso8601_timestamp_nanos('1970-01-01T00:00:00Z'), DATE '1970-01-01')");
    }

    @Test
    void aMissingRequiredValueIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> table.insertStatement("iceberg", List.of(new Row(null, 1, null, Instant.EPOCH, LocalDate.EPOCH))))
                .hasMessageContaining("rows.name is required");
    }
}
