package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a person's decision (a verdict on an alert, a model promotion) to the control topic a running job
 * follows, as one JSON object, and returns only once the broker has it: the decision is durable when the command
 * says so.
 */
public final class DecisionPublisher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<byte[], byte[]> producer;

    public DecisionPublisher(Producer<byte[], byte[]> producer) {
        this.producer = requireNonNull(producer, "producer");
    }

    /** A publisher with its own producer on these brokers (idempotent, acknowledged by all in-sync replicas). */
    public static DecisionPublisher to(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        return new DecisionPublisher(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    public void publish(String topic, String key, Map<String, Object> decision) throws Exception {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(decision))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
