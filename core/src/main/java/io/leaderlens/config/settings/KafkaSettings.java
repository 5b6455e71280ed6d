package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.util.List;

/** Where the platform's events are: the brokers and the three event topics. */
public record KafkaSettings(String bootstrapServers, List<String> eventTopics) {
    public KafkaSettings {
        requireNonNull(bootstrapServers, "bootstrapServers");
        eventTopics = List.copyOf(eventTopics);
    }

    static KafkaSettings read(LeaderlensConfig config, Problems problems) {
        String servers = problems.read(() -> config.get("kafka.bootstrap-servers"), "");
        problems.check(servers.isEmpty() || servers.matches("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*"),
                "kafka.bootstrap-servers must be host:port[,host:port...], got '" + servers + "'");
        List<String> topics = List.of(problems.read(() -> config.get("topics.orders"), ""),
                problems.read(() -> config.get("topics.group-buys"), ""), problems.read(() -> config.get("topics.referrals"), ""));
        problems.check(topics.stream().distinct().count() == topics.size() || topics.contains(""),
                "topics.orders, topics.group-buys and topics.referrals must be three topics, got " + topics);
        return new KafkaSettings(servers, topics);
    }
}
