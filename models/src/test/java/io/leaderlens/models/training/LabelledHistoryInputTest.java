package io.leaderlens.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.events.lines.InvalidLineException;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.simulator.JsonLinesWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History read like the live job reads its topics: lines that are not valid events or labels are set aside with
 * their reasons, and what is left gives exactly the history of the clean files.
 */
class LabelledHistoryInputTest {
    @TempDir
    Path dir;

    @Test
    void badLinesAreSetAsideAndTheHistoryIsThatOfTheCleanFiles() throws Exception {
        Path clean = dir.resolve("clean");
        try (JsonLinesWriter writer = new JsonLinesWriter(clean)) {
            new Simulator(SimulationOptions.defaults(5, 20_000, 2)).run(writer, n -> {});
        }
        Path dirty = dir.resolve("dirty");
        Files.createDirectories(dirty);
        List<String> events = new ArrayList<>(Files.readAllLines(clean.resolve("events.jsonl")));
        String validOrder = events.stream().filter(l -> l.contains("\"schema\":\"OrderEvent\"")).findFirst().orElseThrow();
        events.add(10, "{\"schema\":\"OrderEvent\",\"event_id\":");                                       // cut off
        events.add(500, validOrder.replaceFirst("\"amount_cents\":\\d+", "\"amount_cents\":-1")        // the validator's rule
                .replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"refused-1\""));
        events.add("\u0000\u0001 binary junk");
        Files.write(dirty.resolve("events.jsonl"), events);
        List<String> labels = new ArrayList<>(Files.readAllLines(clean.resolve("labels.jsonl")));
        assertThat(labels).as("the simulated world has frauds").isNotEmpty();
        labels.add(0, "{\"subject\":\"device\",\"id\":\"d1\",\"scenario\":\"x\",\"event_time\":1763251200000}");
        labels.add("not a label");
        Files.write(dirty.resolve("labels.jsonl"), labels);

        LabelledHistory expected = LabelledHistory.read(clean);
        LabelledHistory read = LabelledHistory.read(dirty);

        assertThat(describe(read.rows())).isEqualTo(describe(expected.rows()));
        assertThat(read.scenarioBySubject()).isEqualTo(expected.scenarioBySubject());
        assertThat(expected.setAsideNote()).isEmpty();
        assertThat(read.setAside()).hasSize(2);
        assertThat(read.setAsideNote()).hasValueSatisfying(note -> assertThat(note)
                .contains(String.format(java.util.Locale.ROOT, "set aside 3 of %,d lines", events.size()))
                .contains(String.format(java.util.Locale.ROOT, "set aside 2 of %,d lines", labels.size())));
        ObjectMapper json = new ObjectMapper();
        List<String> eventReasons = Files.readAllLines(dirty.resolve("events.jsonl.rejected.jsonl")).stream()
                .map(l -> readTree(json, l)).toList();
        assertThat(eventReasons).containsExactly("11: not JSON", "501: negative amount_cents -1", events.size() + ": not JSON");
        List<String> labelReasons = Files.readAllLines(dirty.resolve("labels.jsonl.rejected.jsonl")).stream()
                .map(l -> readTree(json, l)).toList();
        assertThat(labelReasons).containsExactly("1: unknown subject 'device' (order, member or leader)", labels.size() + ": not JSON");
    }

    @Test
    void aLabelNeedsSubjectIdScenarioAndATime() {
        var parser = FraudLabelLine.parser();
        assertThat(reason(parser, "{\"subject\":\"member\",\"scenario\":\"fake_member_farm\",\"event_time\":1763251200000}"))
                .isEqualTo("missing id");
        assertThat(reason(parser, "{\"subject\":\"member\",\"id\":\"M1\",\"event_time\":1763251200000}")).isEqualTo("missing scenario");
        assertThat(reason(parser, "{\"subject\":\"member\",\"id\":\"M1\",\"scenario\":\"s\",\"event_time\":\"soon\"}"))
                .isEqualTo("event_time must be an integer (epoch milliseconds)");
        assertThat(reason(parser, "{\"subject\":\"member\",\"id\":\"M1\",\"scenario\":\"s\",\"event_time\":1763251200}"))
                .isEqualTo("event_time 1763251200 is outside the years 2000 to 2099"); // seconds, not milliseconds
        assertThat(reason(parser, "[1,2]")).isEqualTo("not a JSON object");
    }

    private static String reason(io.leaderlens.events.lines.JsonLines.LineParser<FraudLabelLine> parser, String text) {
        try {
            parser.parse(text);
            return null;
        } catch (InvalidLineException e) {
            return e.getMessage();
        }
    }

    /** line number and the start of the reason (Jackson's wording after "not JSON" is its own) */
    private static String readTree(ObjectMapper json, String line) {
        try {
            var node = json.readTree(line);
            String reason = node.get("reason").asText();
            return node.get("line").asLong() + ": " + (reason.startsWith("not JSON") ? "not JSON" : reason);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> describe(List<FeatureRow> rows) {
        return rows.stream().map(r -> r.subject() + " " + r.subjectId() + " " + r.eventId() + " " + r.eventTime() + " "
                + Arrays.toString(r.values())).toList();
    }
}
