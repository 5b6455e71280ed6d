package io.leaderlens.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds a JDK new enough for Trino (which needs Java 24+) without changing the JDK the rest runs on. */
public final class JavaRuntimes {
    public static final int TRINO_MIN_JAVA = 24;

    private JavaRuntimes() {}

    public static Path javaHomeForTrino(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("LEADERLENS_TRINO_JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(env.get("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvmDir = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvmDir)) {
            try (Stream<Path> dirs = Files.list(jvmDir)) {
                dirs.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            } catch (IOException ignored) {
                // nothing to add
            }
        }
        for (Path home : candidates) {
            if (featureVersion(home) >= TRINO_MIN_JAVA && Files.isExecutable(home.resolve("bin/java"))) {
                return home;
            }
        }
        throw new IllegalStateException("Trino needs a JDK " + TRINO_MIN_JAVA + " or newer and none was found "
                + "(looked at LEADERLENS_TRINO_JAVA_HOME, JAVA_HOME and /usr/lib/jvm). Install one, e.g. "
                + "Temurin 25 or Debian's openjdk-25-jdk-headless, and/or set LEADERLENS_TRINO_JAVA_HOME to it. "
                + "Only Trino uses it; everything else runs on Java 17.");
    }

    /** The major version from a JDK's {@code release} file, or 0 if it is not a JDK. */
    static int featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(release)) {
            props.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = props.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        String major = version.startsWith("1.") ? version.substring(2) : version;
        try {
            return Integer.parseInt(major.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
