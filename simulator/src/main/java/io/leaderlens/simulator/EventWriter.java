package io.leaderlens.simulator;

import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;

/** Where simulated events and their fraud labels go: files or Kafka. */
public interface EventWriter extends AutoCloseable {
    void write(SpecificRecord event) throws IOException;

    void writeLabel(FraudLabel label) throws IOException;

    @Override
    void close() throws IOException;
}
