package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What the local Flink session cluster runs on: the runtime classpath the build resolved from Maven Central
 * (module {@code flink-cluster}) and the JVM flags Flink needs on this Java.
 */
public record FlinkClusterArtifacts(String classpath, String flinkVersion, List<String> jvmArgs) {
    public FlinkClusterArtifacts {
        requireNonNull(classpath, "classpath");
        requireNonNull(flinkVersion, "flinkVersion");
        jvmArgs = List.copyOf(jvmArgs);
    }

    public static FlinkClusterArtifacts fromBuild() {
        Properties props = BuildProperties.load("/io/leaderlens/cluster/flink-cluster.properties");
        return new FlinkClusterArtifacts(props.getProperty("flink.classpath"), props.getProperty("flink.version"),
                Arrays.stream(props.getProperty("flink.jvm-args", "").trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
    }
}
