package io.leaderlens.jobs.io;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Where topics end now: a job started from here reads only what is produced afterwards. */
public final class KafkaOffsets {
    private KafkaOffsets() {}

    public static Map<TopicPartition, Long> endOffsets(String bootstrapServers, List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> result = new HashMap<>();
            for (String topic : topics) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic);
                List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                result.putAll(consumer.endOffsets(tps));
            }
            return result;
        }
    }
}
