package io.leaderlens.tables;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import org.apache.iceberg.types.Type;

/**
 * One column of a table: its name, Iceberg type, whether it may be null, and how to read it from the
 * Java value written to the table.
 */
public record Column<T>(String name, Type type, boolean optional, Getter<T> getter, String doc) implements Serializable {

    /** Reads a column value; serializable because Flink ships it to the writers. */
    @FunctionalInterface
    public interface Getter<T> extends Serializable {
        Object get(T row);
    }

    public Column {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(getter, "getter");
    }

    public static <T> Column<T> required(String name, Type type, Getter<T> getter, String doc) {
        return new Column<>(name, type, false, getter, doc);
    }

    public static <T> Column<T> optional(String name, Type type, Getter<T> getter, String doc) {
        return new Column<>(name, type, true, getter, doc);
    }
}
