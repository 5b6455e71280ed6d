package io.leaderlens.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Markdown results table in a document (docs/benchmarks.md) that a benchmark appends rows to: the rows go
 * right above the table's end marker, so the reading notes below a table stay below it.
 */
record ResultsTable(String header, String separator, String endMarker) {
    ResultsTable {
        requireNonNull(header, "header");
        requireNonNull(separator, "separator");
        requireNonNull(endMarker, "endMarker");
    }

    void print(List<String> rows) {
        System.out.println();
        System.out.println(header);
        System.out.println(separator);
        rows.forEach(System.out::println);
    }

    /** Inserts the rows at the end of the table (before its end marker); a new file gets the table alone. */
    void append(Path file, List<String> rows) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, header + "\n" + separator + "\n" + String.join("\n", rows) + "\n" + endMarker + "\n");
            return;
        }
        String text = Files.readString(file);
        int at = text.indexOf(endMarker);
        if (at < 0) {
            throw new IllegalStateException(file + " has no line '" + endMarker + "' under its results table");
        }
        Files.writeString(file, text.substring(0, at) + String.join("\n", rows) + "\n" + text.substring(at));
    }
}
