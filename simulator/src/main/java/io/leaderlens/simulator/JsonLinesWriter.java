package io.leaderlens.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.events.codec.JsonEventCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Writes {@code events.jsonl} and, apart from it, {@code labels.jsonl} into a directory. */
public final class JsonLinesWriter implements EventWriter {
    public static final String EVENTS_FILE = "events.jsonl";
    public static final String LABELS_FILE = "labels.jsonl";

    private final JsonEventCodec codec = new JsonEventCodec();
    private final BufferedWriter events;
    private final LabelFile labels;

    public JsonLinesWriter(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.events = Files.newBufferedWriter(directory.resolve(EVENTS_FILE));
        this.labels = new LabelFile(directory.resolve(LABELS_FILE));
    }

    @Override
    public void write(SpecificRecord event) throws IOException {
        events.write(codec.encode(event));
        events.write('\n');
    }

    @Override
    public void writeLabel(FraudLabel label) throws IOException {
        labels.write(label);
    }

    @Override
    public void close() throws IOException {
        try (events; labels) {
            events.flush();
        }
    }

    /** The label file format shared by both outputs. */
    static final class LabelFile implements AutoCloseable {
        private final ObjectMapper mapper = new ObjectMapper();
        private final BufferedWriter out;

        LabelFile(Path file) throws IOException {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.out = Files.newBufferedWriter(file);
        }

        void write(FraudLabel label) throws IOException {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", label.subject());
            row.put("id", label.id());
            row.put("scenario", label.scenario());
            row.put("event_time", label.eventTime());
            out.write(mapper.writeValueAsString(row));
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
