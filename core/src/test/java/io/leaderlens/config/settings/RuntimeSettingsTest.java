package io.leaderlens.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.config.LeaderlensConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {
    private static LeaderlensConfig shipped() {
        // the configuration file the project ships, with the endpoints the local stack would fill in
        return LeaderlensConfig.load(Path.of("../conf/leaderlens.properties"), "local", Map.of())
                .with("kafka.bootstrap-servers", "127.0.0.1:19092")
                .with("catalog.uri", "http://127.0.0.1:18181")
                .with("catalog.warehouse", "file:///tmp/warehouse");
    }

    @Test
    void theShippedConfigurationReadsAsTypedSettings() {
        RuntimeSettings settings = RuntimeSettings.from(shipped());
        assertThat(settings.kafka().eventTopics()).hasSize(5).doesNotHaveDuplicates();
        assertThat(settings.catalog().uri()).isEqualTo(URI.create("http://127.0.0.1:18181"));
        assertThat(settings.checkpoints().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.checkpoints().restartAttempts()).isEqualTo(12);
        assertThat(settings.checkpoints().restartMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.checkpoints().timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.job().target()).isEqualTo("embedded");
        assertThat(RuntimeSettings.from(LeaderlensConfig.load(Path.of("../conf/leaderlens.properties"), "cluster", Map.of())
                .with("catalog.warehouse", "s3://w/")).checkpoints().stateBackend()).isEqualTo("rocksdb");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        LeaderlensConfig broken = shipped()
                .with("kafka.bootstrap-servers", "localhost")
                .with("catalog.uri", "thrift://metastore:9083")
                .with("job.checkpoint-interval", "PT0S")
                .with("job.state-backend", "leveldb")
                .with("job.restart-attempts", "0")
                .with("job.restart-max-backoff", "PT0.5S")
                .with("job.checkpoint-timeout", "PT1H")
                .with("job.parallelism", "zero")
                .with("job.target", "yarn")
                .with("job.idleness", "-PT1M")
                .with("timezone", "Mars/Olympus");
        assertThatThrownBy(() -> RuntimeSettings.from(broken))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).hasSize(11))
                .hasMessageStartingWith("configuration (profile local) refused, nothing started: 11 problem(s)")
                .hasMessageContaining("kafka.bootstrap-servers must be host:port")
                .hasMessageContaining("catalog.uri must be the http(s) address")
                .hasMessageContaining("job.checkpoint-interval must be between 100 ms and 1 h")
                .hasMessageContaining("job.state-backend must be hashmap or rocksdb, got 'leveldb'")
                .hasMessageContaining("job.restart-attempts must be at least 1, got 0")
                .hasMessageContaining("job.restart-max-backoff must be between 1 s (the first backoff) and 10 min, got PT0.5S")
                .hasMessageContaining("job.checkpoint-timeout must be between job.checkpoint-interval and 15 min")
                .hasMessageContaining("'job.parallelism' must be an integer, got 'zero'")
                .hasMessageContaining("job.target must be embedded, cluster or application, got 'yarn'")
                .hasMessageContaining("job.idleness must not be negative")
                .hasMessageContaining("'timezone' must be a time zone");
    }

    @Test
    void aMissingKeyIsAProblemToo() {
        assertThatThrownBy(() -> RuntimeSettings.from(shipped().with("kafka.bootstrap-servers", "").with("topics.orders", "")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "configuration key 'kafka.bootstrap-servers' is not set for profile 'local'",
                        "configuration key 'topics.orders' is not set for profile 'local'"));
    }
}
