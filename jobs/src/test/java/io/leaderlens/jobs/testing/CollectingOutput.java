package io.leaderlens.jobs.testing;

import io.leaderlens.jobs.io.StreamOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Test output: collects what a job writes, readable after the job ends (same JVM MiniCluster). */
public final class CollectingOutput<T> implements StreamOutput<T> {
    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    public CollectingOutput() {
        RESULTS.put(id, new CopyOnWriteArrayList<>());
    }

    @Override
    public void attach(DataStream<T> stream) {
        stream.sinkTo(new CollectingSink<>(id)).name("collect");
    }

    @SuppressWarnings("unchecked")
    public List<T> values() {
        return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
    }

    private record CollectingSink<T>(String id) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    RESULTS.get(id).add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
