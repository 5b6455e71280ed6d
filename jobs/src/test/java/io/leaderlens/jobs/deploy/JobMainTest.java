package io.leaderlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobMainTest {
    @Test
    void everyProblemWithTheArgumentsIsListedWithTheUsage() {
        assertThatThrownBy(() -> JobMain.Arguments.parse("commissions", new String[] {"--profile", "cluster", "--paralelism", "4"}))
                .hasMessageContaining("unknown argument '--paralelism'").hasMessageContaining("--config is required")
                .hasMessageContaining("usage: commissions --config");
        assertThatThrownBy(() -> JobMain.Arguments.parse("commissions", new String[] {"--config", "/nowhere/leaderlens.properties"}))
                .hasMessageContaining("configuration file /nowhere/leaderlens.properties not found");
        assertThatThrownBy(() -> JobMain.Arguments.parse("commissions", new String[] {"--config"})).hasMessageContaining("--config needs a value");
    }

    @Test
    void theProfileDefaultsToCluster(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("leaderlens.properties"), "timezone=Asia/Shanghai\n");
        assertThat(JobMain.Arguments.parse("leader-metrics", new String[] {"--config", file.toString()}))
                .isEqualTo(new JobMain.Arguments(file, "cluster"));
        assertThat(JobMain.Arguments.parse("leader-metrics", new String[] {"--config", file.toString(), "--profile", "local"}).profile())
                .isEqualTo("local");
    }
}
