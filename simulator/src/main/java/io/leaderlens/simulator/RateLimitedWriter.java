package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;

/** Paces another writer to a number of events per second, for live demos. */
public final class RateLimitedWriter implements EventWriter {
    private final EventWriter delegate;
    private final double nanosPerEvent;
    private final long start = System.nanoTime();
    private long written;

    public RateLimitedWriter(EventWriter delegate, double eventsPerSecond) {
        this.delegate = requireNonNull(delegate, "delegate");
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + eventsPerSecond);
        }
        this.nanosPerEvent = 1e9 / eventsPerSecond;
    }

    @Override
    public void write(SpecificRecord event) throws IOException {
        long due = start + (long) (written++ * nanosPerEvent);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        delegate.write(event);
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
