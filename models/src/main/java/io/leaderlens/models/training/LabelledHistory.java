package io.leaderlens.models.training;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.lines.JsonLines;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatureExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * History to learn from: feature rows replayed in event-time order through the same extractor the
 * scoring job uses, with the simulator's ground truth (labels written apart from the events). Lines that are
 * not valid events or labels are set aside with their reasons (see {@link #setAside()}), as the jobs do with
 * dead letters; resent events (same id) count once, as in the jobs.
 */
public record LabelledHistory(List<FeatureRow> rows, Map<String, String> scenarioBySubject, long firstEventTime,
                              long lastEventTime, List<String> setAside) {
    public LabelledHistory {
        setAside = List.copyOf(setAside);
    }

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
        List<String> setAside = new ArrayList<>();
        JsonLines.Read<PlatformEvent> read = JsonLines.read(events, JsonLines.events());
        read.setAsideNote().ifPresent(setAside::add);
        List<PlatformEvent> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PlatformEvent event : read.values()) {
            if (seen.add(event.eventId())) {
                all.add(event);
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
            JsonLines.Read<FraudLabelLine> labelLines = JsonLines.read(labels, FraudLabelLine.parser());
            labelLines.setAsideNote().ifPresent(setAside::add);
            for (FraudLabelLine label : labelLines.values()) {
                scenarios.put(key(label.subject(), label.id()), label.scenario());
            }
        }
        long first = all.isEmpty() ? 0 : all.get(0).eventTime();
        long last = all.isEmpty() ? 0 : all.get(all.size() - 1).eventTime();
        return new LabelledHistory(rows, scenarios, first, last, setAside);
    }

    /** What a command logs about the lines it set aside (one note per input file), if any. */
    public Optional<String> setAsideNote() {
        return setAside.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", setAside));
    }
}
