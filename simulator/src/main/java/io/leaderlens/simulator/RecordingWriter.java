package io.leaderlens.simulator;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps what the simulator writes in memory, in order: for tests and for callers that replay it themselves. */
public final class RecordingWriter implements EventWriter {
    private final List<SpecificRecord> events = new ArrayList<>();
    private final List<FraudLabel> labels = new ArrayList<>();

    @Override
    public void write(SpecificRecord event) {
        events.add(event);
    }

    @Override
    public void writeLabel(FraudLabel label) {
        labels.add(label);
    }

    @Override
    public void close() {}

    public List<SpecificRecord> events() {
        return events;
    }

    public List<FraudLabel> labels() {
        return labels;
    }
}
