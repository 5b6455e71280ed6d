package io.leaderlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.Trino;
import io.leaderlens.jobs.fraudscoring.FraudLabelRow;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.fraudscoring.FraudScoringTables;
import io.leaderlens.tables.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Load known fraud outcomes (labels.jsonl: subject, id, scenario, event_time) into Iceberg fraud_labels, "
                + "so the risk views can measure the precision of past alerts. Labels already loaded are skipped.")
public final class LabelCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--in", required = true, description = "labels.jsonl, or a directory holding it (./leaderlens simulate writes one)")
    Path in;

    @Option(names = "--source", description = "where the labels come from (default ${DEFAULT-VALUE})")
    String source = "simulator";

    @Override
    public Integer call() throws Exception {
        int loaded = load(context.config(), in, source);
        Log.info("loaded " + loaded + " new labels from " + in + " into iceberg.leaderlens.fraud_labels");
        return 0;
    }

    /** Loads the labels not yet in the table; returns how many were new. */
    public static int load(LeaderlensConfig config, Path in, String source) throws Exception {
        List<FraudLabelRow> labels = read(Files.isDirectory(in) ? in.resolve("labels.jsonl") : in, source);
        FraudScoringTables tables = new FraudScoringTables(config.getZone("timezone"));
        IcebergCatalogs.createMissingTables(config, tables);
        TableDefinition<FraudLabelRow> table = tables.fraudLabels();
        Trino trino = CliContext.trino(config);
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
