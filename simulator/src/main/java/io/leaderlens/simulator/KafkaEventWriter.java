package io.leaderlens.simulator;

import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.BinaryEventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to their topics, Avro single-object encoded, keyed by leader id (one leader's events stay
 * in order on one partition). Labels go to a local file: jobs never see them.
 */
public final class KafkaEventWriter implements EventWriter {
    private final BinaryEventCodec codec = new BinaryEventCodec();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<EventKind, String> topics;
    private final JsonLinesWriter.LabelFile labels;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaEventWriter(String bootstrapServers, Map<EventKind, String> topics, Path labelFile) throws IOException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = new EnumMap<>(topics);
        this.labels = new JsonLinesWriter.LabelFile(labelFile);
    }

    @Override
    public void write(SpecificRecord event) throws IOException {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IOException("sending to Kafka failed: " + failed.getMessage(), failed);
        }
        PlatformEvent platformEvent = PlatformEvent.of(event);
        byte[] key = platformEvent.partitionKey().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topics.get(platformEvent.kind()), key, codec.encode(event)),
                (metadata, e) -> { if (e != null) { failure.compareAndSet(null, e); } });
    }

    @Override
    public void writeLabel(FraudLabel label) throws IOException {
        labels.write(label);
    }

    @Override
    public void close() throws IOException {
        try (labels) {
            producer.flush();
            producer.close();
        }
        Exception failed = failure.get();
        if (failed != null) {
            throw new IOException("sending to Kafka failed: " + failed.getMessage(), failed);
        }
    }
}
