package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.util.List;

/** Where the platform's events are: the brokers and the three event topics. */
public record KafkaSettings(String bootstrapServers, List<String> eventTopics) {
    /** The keys of the event topics: orders, group buys, referrals. */
    public static final List<String> EVENT_TOPIC_KEYS = List.of("topics.orders", "topics.group-buys", "topics.referrals", "topics.coupons",
            "topics.campaigns");

    public KafkaSettings {
        requireNonNull(bootstrapServers, "bootstrapServers");
        eventTopics = List.copyOf(eventTopics);
    }

    static KafkaSettings read(LeaderlensConfig config, Problems problems) {
        String servers = problems.read(() -> config.get("kafka.bootstrap-servers"), "");
        problems.check(servers.isEmpty() || servers.matches("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*"),
                "kafka.bootstrap-servers must be host:port[,host:port...], got '" + servers + "'");
        List<String> topics = EVENT_TOPIC_KEYS.stream().map(key -> problems.read(() -> config.get(key), "")).toList();
        problems.check(topics.stream().distinct().count() == topics.size() || topics.contains(""),
                String.join(", ", EVENT_TOPIC_KEYS) + " must be distinct topics, got " + topics);
        return new KafkaSettings(servers, topics);
    }
}
