package io.leaderlens.jobs.io;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.settings.CheckpointSettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes a stream as JSON to a Kafka topic with Kafka transactions tied to checkpoints (exactly once). */
public final class KafkaJsonOutput<T> implements StreamOutput<T> {
    /** Renders one element as a key and a JSON value. */
    public interface JsonRenderer<T> extends Serializable {
        String key(T element);

        String json(T element);
    }

    private final String bootstrapServers;
    private final String topic;
    private final String transactionalIdPrefix;
    private final JsonRenderer<T> renderer;

    public KafkaJsonOutput(String bootstrapServers, String topic, String transactionalIdPrefix, JsonRenderer<T> renderer) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = requireNonNull(topic, "topic");
        this.transactionalIdPrefix = requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        this.renderer = requireNonNull(renderer, "renderer");
    }

    @Override
    public void attach(DataStream<T> stream) {
        Properties producer = new Properties();
        // A transaction stays open from one checkpoint until the next completes; when the broker times it out first,
        // it aborts it and the job fails. A drain (stop-with-savepoint --drain fires every timer the job holds) or a
        // checkpoint on a loaded machine takes well over the minute this once was: the broker's ceiling
        // (transaction.max.timeout.ms, 15 min by default). A job that restarts aborts its own open transactions
        // at once; the timeout only ends those of a job that never comes back.
        producer.setProperty("transaction.timeout.ms", Long.toString(CheckpointSettings.TRANSACTION_TIMEOUT.toMillis()));
        KafkaSink<T> sink = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(new JsonRecords<>(topic, renderer))
                .build();
        stream.sinkTo(sink).name("kafka:" + topic).uid("kafka-" + topic);
    }

    /**
     * Key and JSON value, and deliberately no record timestamp: the element's event time may lie far from
     * now (backfills, replays), and brokers refuse timestamps outside their window; publish time is what
     * consumers of a live feed need.
     */
    private record JsonRecords<T>(String topic, JsonRenderer<T> renderer) implements KafkaRecordSerializationSchema<T> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, renderer.key(element).getBytes(StandardCharsets.UTF_8),
                    renderer.json(element).getBytes(StandardCharsets.UTF_8));
        }
    }
}
