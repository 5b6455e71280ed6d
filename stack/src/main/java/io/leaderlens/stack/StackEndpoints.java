package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** How to reach a running stack; written by {@code up} into the data directory and read by every command. */
public record StackEndpoints(String kafkaBootstrapServers, String catalogUri, String warehouse, String trinoJdbcUrl) {
    public static final String FILE = "endpoints.properties";

    public StackEndpoints {
        requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        requireNonNull(catalogUri, "catalogUri");
        requireNonNull(warehouse, "warehouse");
        requireNonNull(trinoJdbcUrl, "trinoJdbcUrl");
    }

    void writeTo(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        props.setProperty("catalog.uri", catalogUri);
        props.setProperty("catalog.warehouse", warehouse);
        props.setProperty("trino.jdbc-url", trinoJdbcUrl);
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE))) {
            props.store(out, "endpoints of the local stack started by ./leaderlens up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StackEndpoints readFrom(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no local stack in " + dataDir + ": start it with ./leaderlens up");
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StackEndpoints(props.getProperty("kafka.bootstrap-servers"), props.getProperty("catalog.uri"),
                props.getProperty("catalog.warehouse"), props.getProperty("trino.jdbc-url"));
    }
}
