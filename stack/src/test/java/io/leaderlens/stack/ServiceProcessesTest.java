package io.leaderlens.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessesTest {
    @Test
    void aFailedToolSaysHowItEndedAndKeepsItsOutputApartFromTheNextAttempt(@TempDir Path dataDir) throws Exception {
        List<String> logged = new ArrayList<>();
        ServiceProcesses processes = new ServiceProcesses(dataDir, logged::add);

        assertThatThrownBy(() -> processes.runToCompletion("tool", List.of("sh", "-c", "echo first line; echo the reason; exit 3"), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tool exited with 3")
                .hasMessageContaining("the reason");
        processes.runToCompletion("tool", List.of("sh", "-c", "echo second attempt"), dataDir);

        assertThat(Files.readString(dataDir.resolve("logs/tool.failed.log"))).contains("first line", "the reason");
        assertThat(Files.readString(dataDir.resolve("logs/tool.log"))).isEqualTo("second attempt\n");
    }
}
