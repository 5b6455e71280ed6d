package io.leaderlens.jobs.io;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

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
        // must not exceed the broker's transaction.max.timeout.ms (15 min by default)
        producer.setProperty("transaction.timeout.ms", "60000");
        JsonRenderer<T> r = renderer;
        KafkaSink<T> sink = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(new Utf8<>(r, true))
                        .setValueSerializationSchema(new Utf8<>(r, false))
                        .build())
                .build();
        stream.sinkTo(sink).name("kafka:" + topic).uid("kafka-" + topic);
    }

    /** A named class, not a lambda: Flink must see the element type of a serialization schema. */
    private static final class Utf8<T> implements SerializationSchema<T> {
        private final JsonRenderer<T> renderer;
        private final boolean key;

        Utf8(JsonRenderer<T> renderer, boolean key) {
            this.renderer = renderer;
            this.key = key;
        }

        @Override
        public byte[] serialize(T element) {
            return (key ? renderer.key(element) : renderer.json(element)).getBytes(StandardCharsets.UTF_8);
        }
    }
}
