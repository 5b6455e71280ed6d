package io.leaderlens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {
    @Test
    void endpointsDoNotChangeOnceTheWarehouseExists(@TempDir Path dataDir) throws Exception {
        StackArtifacts unused = new StackArtifacts("", dataDir, dataDir, dataDir, "476");
        LocalStack stack = new LocalStack(dataDir, unused, line -> {});
        StackPorts ports = new StackPorts(19092, 19093, 18181, 18080, 18082);

        StackEndpoints atFirstStart = stack.endpoints(ports);
        Files.createDirectories(dataDir.resolve("warehouse"));
        StackEndpoints afterWriting = stack.endpoints(ports);

        // unequal endpoints made `up` restart the whole stack when only one service had died
        assertThat(afterWriting).isEqualTo(atFirstStart);
        assertThat(atFirstStart.warehouse()).startsWith("file:").endsWith(dataDir.getFileName() + "/warehouse");
    }
}
