package io.leaderlens.models.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.events.codec.JsonEventCodec;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatureExtractor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * History to learn from: feature rows replayed in event-time order through the same extractor the
 * scoring job uses, with the simulator's ground truth (labels written apart from the events).
 */
public record LabelledHistory(List<FeatureRow> rows, Map<String, String> scenarioBySubject, long firstEventTime,
                              long lastEventTime) {

    public static String key(String subject, String id) {
        return subject + ":" + id;
    }

    /** The fraud scenario of a row's subject, or null for a legitimate one. */
    public String scenario(FeatureRow row) {
        return scenarioBySubject.get(key(row.subject(), row.subjectId()));
    }

    public static LabelledHistory read(Path directory) throws IOException {
        Path events = directory.resolve("events.jsonl");
        Path labels = directory.resolve("labels.jsonl");
        if (!Files.isRegularFile(events)) {
            throw new IOException("no events.jsonl in " + directory + " (write one with ./leaderlens simulate --out file:" + directory + ")");
        }
        JsonEventCodec codec = new JsonEventCodec();
        List<PlatformEvent> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(events)) {
            long line = 0;
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                try {
                    PlatformEvent event = codec.decode(text);
                    if (seen.add(event.eventId())) {
                        all.add(event);
                    }
                } catch (EventDecodingException e) {
                    throw new IOException(events + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        all.sort(EventTimeOrder.EVENTS); // the order every streaming stage applies events in
        FraudFeatureExtractor extractor = new FraudFeatureExtractor();
        List<FeatureRow> rows = new ArrayList<>();
        for (PlatformEvent event : all) {
            rows.addAll(extractor.accept(event));
        }
        Map<String, String> scenarios = new HashMap<>();
        if (Files.isRegularFile(labels)) {
            ObjectMapper json = new ObjectMapper();
            for (String text : Files.readAllLines(labels)) {
                JsonNode label = json.readTree(text);
                scenarios.put(key(label.get("subject").asText(), label.get("id").asText()), label.get("scenario").asText());
            }
        }
        long first = all.isEmpty() ? 0 : all.get(0).eventTime();
        long last = all.isEmpty() ? 0 : all.get(all.size() - 1).eventTime();
        return new LabelledHistory(rows, scenarios, first, last);
    }
}
