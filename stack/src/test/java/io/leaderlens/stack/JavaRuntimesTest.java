package io.leaderlens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {
    @Test
    void readsTheMajorVersionFromAJdksReleaseFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
        assertThat(JavaRuntimes.featureVersion(dir)).isEqualTo(25);
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
        assertThat(JavaRuntimes.featureVersion(dir)).isEqualTo(8);
        assertThat(JavaRuntimes.featureVersion(dir.resolve("missing"))).isZero();
    }
}
