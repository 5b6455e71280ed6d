package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A panel's rows as Trino returned them (values as text, exact decimals kept exact), and when the newest of its
 * tables was last committed (null when none of them has a snapshot yet).
 */
public record PanelData(List<String> columns, List<List<String>> rows, Instant committedAt) {
    public PanelData {
        columns = List.copyOf(requireNonNull(columns, "columns"));
        requireNonNull(rows, "rows");
    }
}
