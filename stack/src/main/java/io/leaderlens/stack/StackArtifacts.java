package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the stack's parts are on disk: all of them come from Maven Central through the build, which
 * caches them in the local Maven repository and records their paths here.
 */
public record StackArtifacts(String kafkaClasspath, Path icebergRestJar, Path trinoServerTarball, Path trinoIcebergZip,
                             String trinoVersion) {

    public StackArtifacts {
        requireNonNull(kafkaClasspath, "kafkaClasspath");
        requireNonNull(icebergRestJar, "icebergRestJar");
        requireNonNull(trinoServerTarball, "trinoServerTarball");
        requireNonNull(trinoIcebergZip, "trinoIcebergZip");
        requireNonNull(trinoVersion, "trinoVersion");
    }

    public static StackArtifacts fromBuild() {
        Properties props = BuildProperties.load("/io/leaderlens/stack/stack-artifacts.properties");
        StackArtifacts artifacts = new StackArtifacts(props.getProperty("kafka.classpath"),
                Path.of(props.getProperty("iceberg.rest.jar")), Path.of(props.getProperty("trino.server.tarball")),
                Path.of(props.getProperty("trino.iceberg.plugin.zip")), props.getProperty("trino.version"));
        for (Path file : new Path[] {artifacts.icebergRestJar, artifacts.trinoServerTarball, artifacts.trinoIcebergZip}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing from the Maven cache: run ./mvnw -DskipTests package to fetch it");
            }
        }
        return artifacts;
    }
}
