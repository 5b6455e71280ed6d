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
    private final boolean copy;

    public SendTimeWriter(EventWriter delegate) {
        this(delegate, true);
    }

    private SendTimeWriter(EventWriter delegate, boolean copy) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.copy = copy;
    }

    /** For a writer handed records nobody else holds (e.g. decoded for it): stamps them in place, without a copy. */
    public static SendTimeWriter stampingInPlace(EventWriter delegate) {
        return new SendTimeWriter(delegate, false);
    }

    @Override
    public void write(SpecificRecord event) throws IOException {
        Schema.Field time = event.getSchema().getField("event_time");
        if (time == null) {
            throw new IllegalArgumentException(event.getSchema().getName() + " has no event_time");
        }
        // a copy: the simulator may still hold the record it handed over
        SpecificRecord stamped = copy ? SpecificData.getForSchema(event.getSchema()).deepCopy(event.getSchema(), event) : event;
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
