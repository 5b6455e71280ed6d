package io.leaderlens.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderlensConfigTest {
    private static final String FILE = """
            kafka.bootstrap-servers=
            timezone=Asia/Shanghai
            job.out-of-orderness=PT2M
            %cluster.kafka.bootstrap-servers=kafka-1:9092
            %cluster.timezone=Asia/Chongqing
            """;

    @Test
    void profileKeysWinOverPlainKeys() {
        LeaderlensConfig cluster = LeaderlensConfig.parse(FILE, "cluster");
        assertThat(cluster.get("kafka.bootstrap-servers")).isEqualTo("kafka-1:9092");
        assertThat(cluster.get("timezone")).isEqualTo("Asia/Chongqing");
        LeaderlensConfig local = LeaderlensConfig.parse(FILE, "local");
        assertThat(local.find("kafka.bootstrap-servers")).isEmpty();
        assertThat(local.getDuration("job.out-of-orderness")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void missingAndMalformedValuesSayWhichKey() {
        LeaderlensConfig local = LeaderlensConfig.parse(FILE, "local");
        assertThatThrownBy(() -> local.get("kafka.bootstrap-servers")).hasMessageContaining("'kafka.bootstrap-servers' is not set for profile 'local'");
        assertThatThrownBy(() -> local.with("x", "soon").getDuration("x")).hasMessageContaining("ISO-8601");
        assertThat(LeaderlensConfig.environmentName("kafka.bootstrap-servers")).isEqualTo("LEADERLENS_KAFKA_BOOTSTRAP_SERVERS");
    }
}
