package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Stamps each event with the moment it is written, so its event time is its ingestion time: for latency
 * benchmarks, where "event → alert" is measured on the wall clock. The world's own timing is compressed into
 * the order of sending (a simulated day passes in seconds), which the features then see as a very busy platform.
 */
public final class SendTimeWriter implements EventWriter {
    private final EventWriter delegate;

    public SendTimeWriter(EventWriter delegate) {
        this.delegate = requireNonNull(delegate, "delegate");
    }

    @Override
    public void write(SpecificRecord event) throws IOException {
        Schema.Field time = event.getSchema().getField("event_time");
        if (time == null) {
            throw new IllegalArgumentException(event.getSchema().getName() + " has no event_time");
        }
        // a copy: the simulator may still hold the record it handed over
        SpecificRecord stamped = SpecificData.getForSchema(event.getSchema()).deepCopy(event.getSchema(), event);
        stamped.put(time.pos(), System.currentTimeMillis());
        delegate.write(stamped);
    }

    @Override
    public void writeLabel(FraudLabel label) throws IOException {
        delegate.writeLabel(label);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
