package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.jobs.fraudscoring.FraudLabelRow;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** Loads the labels of {@code in} (a file, or a directory holding labels.jsonl) not yet in the table; returns how many were new. */
    public int load(Path in, String source) throws Exception {
        List<FraudLabelRow> labels = read(Files.isDirectory(in) ? in.resolve("labels.jsonl") : in, source);
        Set<String> known = new HashSet<>();
        for (List<String> row : trino.query("SELECT subject, subject_id FROM iceberg.leaderlens.fraud_labels").rows()) {
            known.add(row.get(0) + ":" + row.get(1));
        }
        List<FraudLabelRow> fresh = labels.stream().filter(l -> known.add(l.subject() + ":" + l.subjectId())).toList();
        TableInserts.insert(trino, table, fresh);
        return fresh.size();
    }

    static List<FraudLabelRow> read(Path file, String source) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no labels file " + file);
        }
        ObjectMapper json = new ObjectMapper();
        List<FraudLabelRow> labels = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode n = json.readTree(text);
                labels.add(new FraudLabelRow(n.get("subject").asText(), n.get("id").asText(), n.get("scenario").asText(),
                        n.get("event_time").asLong(), source));
            } catch (IOException | NullPointerException e) {
                throw new IOException(file + " line " + line + ": not a label (needs subject, id, scenario, event_time): " + text, e);
            }
        }
        return labels;
    }
}
