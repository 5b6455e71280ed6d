package io.leaderlens.jobs.io;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.settings.CheckpointSettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a stream as JSON to a Kafka topic: exactly once (Kafka transactions tied to checkpoints, visible to
 * {@code read_committed} consumers when the checkpoint completes), or {@link #atLeastOnce} (visible as soon as
 * sent; flushed at every checkpoint, so nothing is lost, but a restart sends again what followed the last one).
 */
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
    private final DeliveryGuarantee guarantee;

    /** Exactly once, under Kafka transactions whose ids start with {@code transactionalIdPrefix}. */
    public KafkaJsonOutput(String bootstrapServers, String topic, String transactionalIdPrefix, JsonRenderer<T> renderer) {
        this(bootstrapServers, topic, requireNonNull(transactionalIdPrefix, "transactionalIdPrefix"), renderer, DeliveryGuarantee.EXACTLY_ONCE);
    }

    private KafkaJsonOutput(String bootstrapServers, String topic, String transactionalIdPrefix, JsonRenderer<T> renderer,
                            DeliveryGuarantee guarantee) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = requireNonNull(topic, "topic");
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.renderer = requireNonNull(renderer, "renderer");
        this.guarantee = guarantee;
    }

    /** At least once, without transactions: for feeds whose consumers de-duplicate by key (and a revision). */
    public static <T> KafkaJsonOutput<T> atLeastOnce(String bootstrapServers, String topic, JsonRenderer<T> renderer) {
        return new KafkaJsonOutput<>(bootstrapServers, topic, null, renderer, DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Override
    public void attach(DataStream<T> stream) {
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(guarantee)
                .setRecordSerializer(new JsonRecords<>(topic, renderer));
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setKafkaProducerConfig(transactionTimeout()).setTransactionalIdPrefix(transactionalIdPrefix);
        }
        stream.sinkTo(builder.build()).name("kafka:" + topic).uid("kafka-" + topic);
    }

    private static Properties transactionTimeout() {
        Properties producer = new Properties();
        // A transaction stays open from one checkpoint until the next completes; when the broker times it out first,
        // it aborts it and the job fails. A drain (stop-with-savepoint --drain fires every timer the job holds) or a
        // checkpoint on a loaded machine takes well over the minute this once was: the broker's ceiling
        // (transaction.max.timeout.ms, 15 min by default). A job that restarts aborts its own open transactions
        // at once; the timeout only ends those of a job that never comes back.
        producer.setProperty("transaction.timeout.ms", Long.toString(CheckpointSettings.TRANSACTION_TIMEOUT.toMillis()));
        return producer;
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
