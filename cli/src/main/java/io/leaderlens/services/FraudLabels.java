package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.lines.JsonLines;
import io.leaderlens.jobs.fraudscoring.FraudLabelRow;
import io.leaderlens.models.training.FraudLabelLine;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Known fraud outcomes (labels.jsonl: subject, id, scenario, event_time) into Iceberg {@code fraud_labels}, each
 * once, so the risk views measure the precision of past alerts. Used by {@code label}, the demo and the ITs.
 */
public final class FraudLabels {
    private final Trino trino;
    private final TableDefinition<FraudLabelRow> table;

    /** @param table {@code fraud_labels}, created already */
    public FraudLabels(Trino trino, TableDefinition<FraudLabelRow> table) {
        this.trino = requireNonNull(trino, "trino");
        this.table = requireNonNull(table, "table");
    }

    /** What a load added, and what it set aside. */
    public record Loaded(int added, Optional<String> setAside) {}

    /**
     * Loads the labels of {@code in} (a file, or a directory holding labels.jsonl) not yet in the table; lines that
     * are not labels are set aside with their reasons beside the file ({@code labels.jsonl.rejected.jsonl}).
     */
    public Loaded load(Path in, String source) throws Exception {
        Path file = Files.isDirectory(in) ? in.resolve("labels.jsonl") : in;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no labels file " + file);
        }
        JsonLines.Read<FraudLabelLine> read = JsonLines.read(file, FraudLabelLine.parser());
        Set<String> known = new HashSet<>();
        for (List<String> row : trino.query("SELECT subject, subject_id FROM iceberg.leaderlens.fraud_labels").rows()) {
            known.add(row.get(0) + ":" + row.get(1));
        }
        List<FraudLabelRow> fresh = read.values().stream()
                .filter(l -> known.add(l.subject() + ":" + l.id()))
                .map(l -> new FraudLabelRow(l.subject(), l.id(), l.scenario(), l.eventTime(), source))
                .toList();
        TableInserts.insert(trino, table, fresh);
        return new Loaded(fresh.size(), read.setAsideNote());
    }
}
