package io.leaderlens.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** A properties file the build filled in (paths in the local Maven cache), read from the classpath. */
final class BuildProperties {
    private BuildProperties() {}

    /** @param resource an absolute classpath resource, e.g. {@code /io/leaderlens/stack/stack-artifacts.properties} */
    static Properties load(String resource) {
        Properties props = new Properties();
        try (InputStream in = BuildProperties.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource.substring(resource.lastIndexOf('/') + 1)
                        + " missing: build the project with ./mvnw package");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
