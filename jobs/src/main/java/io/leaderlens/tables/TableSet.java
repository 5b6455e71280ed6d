package io.leaderlens.tables;

import java.util.ArrayList;
import java.util.List;

/** The tables one part of leaderlens owns: a job's outputs, or what the commands around it write. */
public interface TableSet {
    List<TableDefinition<?>> all();

    /** Several sets as one (a job that writes its own tables and shared ones). */
    static TableSet of(TableSet... sets) {
        return () -> {
            List<TableDefinition<?>> all = new ArrayList<>();
            for (TableSet set : sets) {
                all.addAll(set.all());
            }
            return all;
        };
    }
}
