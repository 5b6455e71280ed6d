package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a panel is drawn in the browser: {@code line} or {@code bar} (x column, one series per value column),
 * {@code table} (every column), {@code ranking} (a table whose {@code x} is the rank, with the movement since the last
 * refresh per {@code key}) or {@code stats} (the first row's values as figures).
 */
public record Chart(String kind, String x, List<String> series, String key) {
    public Chart {
        requireNonNull(kind, "kind");
        if (!List.of("line", "bar", "table", "ranking", "stats").contains(kind)) {
            throw new IllegalArgumentException("no chart kind " + kind);
        }
        series = List.copyOf(series);
    }

    public static Chart line(String x, String... series) {
        return new Chart("line", x, List.of(series), null);
    }

    public static Chart bar(String x, String... series) {
        return new Chart("bar", x, List.of(series), null);
    }

    public static Chart table() {
        return new Chart("table", null, List.of(), null);
    }

    /** A ranking: {@code rank} column, and the columns that identify a row across refreshes (e.g. city and leader). */
    public static Chart ranking(String rank, String... key) {
        return new Chart("ranking", rank, List.of(), String.join(",", key));
    }

    public static Chart stats() {
        return new Chart("stats", null, List.of(), null);
    }
}
