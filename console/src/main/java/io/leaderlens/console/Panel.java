package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One chart or table of a console page: the query behind it (the views of {@code iceberg.leaderlens}, and for the leader
 * workspace the row-filtered tables a leader may read), how it is drawn, and the tables whose last commit says how
 * fresh it is.
 */
public record Panel(String id, String title, String sql, Chart chart, List<String> freshnessTables) {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Pattern TABLE = Pattern.compile("[a-z0-9_]+");

    public Panel {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(sql, "sql");
        requireNonNull(chart, "chart");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("panel id must be lower-case words with dashes: " + id);
        }
        freshnessTables = List.copyOf(freshnessTables);
        if (freshnessTables.isEmpty() || !freshnessTables.stream().allMatch(t -> TABLE.matcher(t).matches())) {
            throw new IllegalArgumentException("panel " + id + " needs the tables its freshness is read from, got " + freshnessTables);
        }
    }
}
