package io.leaderlens.jobs.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where topics end now (a job started from here reads only what is produced afterwards), how far a consumer
 * group has read them, and what a {@code read_committed} consumer finds on them.
 */
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

    /** The offsets the group committed (a Flink Kafka source commits them as its checkpoints complete); absent: none yet. */
    public static Map<TopicPartition, Long> committedOffsets(String bootstrapServers, String groupId) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> result = new HashMap<>();
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(1, java.util.concurrent.TimeUnit.MINUTES)
                    .forEach((partition, offset) -> {
                        if (offset != null) {
                            result.put(partition, offset.offset());
                        }
                    });
            return result;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of consumer group " + groupId + " from " + bootstrapServers
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of consumer group " + groupId, e);
        }
    }

    /**
     * Per partition, the offset after the last committed record from {@code from} on (or {@code from} when there is
     * none): where a consumer's committed offset stands once it has read everything. On a topic written in
     * transactions this is short of the end offset, which counts the commit markers too.
     */
    public static Map<TopicPartition, Long> afterLastRecords(String bootstrapServers, Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> result = new HashMap<>(from);
        for (ConsumerRecord<String, String> record : readCommitted(bootstrapServers, from)) {
            result.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        return result;
    }

    /**
     * Every record from {@code from} up to the partitions' current end, as a {@code read_committed} consumer sees
     * them: records of aborted transactions skipped, those of open ones not yet there.
     */
    public static List<ConsumerRecord<String, String>> readCommitted(String bootstrapServers, Map<TopicPartition, Long> from) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            }
        }
        return records;
    }

    /** The offsets of one topic's partitions among {@code offsets}. */
    public static Map<TopicPartition, Long> ofTopic(Map<TopicPartition, Long> offsets, String topic) {
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic)) {
                result.put(partition, offset);
            }
        });
        return result;
    }
}
