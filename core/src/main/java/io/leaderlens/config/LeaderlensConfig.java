package io.leaderlens.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one configuration file ({@code conf/leaderlens.properties}). Plain keys are shared; a key written
 * {@code %cluster.kafka.bootstrap-servers} applies only under the {@code cluster} profile and wins over the
 * plain key. Environment variables {@code LEADERLENS_KAFKA_BOOTSTRAP_SERVERS} etc. override both.
 */
public final class LeaderlensConfig {
    private final String profile;
    private final Map<String, String> values;

    private LeaderlensConfig(String profile, Map<String, String> values) {
        this.profile = requireNonNull(profile, "profile");
        this.values = Map.copyOf(values);
    }

    public static LeaderlensConfig load(Path file, String profile, Map<String, String> environment) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader, profile, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
    }

    public static LeaderlensConfig parse(String text, String profile) {
        try {
            return parse(new StringReader(text), profile, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LeaderlensConfig parse(Reader reader, String profile, Map<String, String> environment) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> resolved = new TreeMap<>();
        String prefix = "%" + profile + ".";
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                resolved.putIfAbsent(key, properties.getProperty(key).trim());
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                resolved.put(key.substring(prefix.length()), properties.getProperty(key).trim());
            }
        }
        for (String key : Map.copyOf(resolved).keySet()) {
            String fromEnv = environment.get(environmentName(key));
            if (fromEnv != null) {
                resolved.put(key, fromEnv);
            }
        }
        return new LeaderlensConfig(profile, resolved);
    }

    static String environmentName(String key) {
        return "LEADERLENS_" + key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    public String profile() {
        return profile;
    }

    public LeaderlensConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new LeaderlensConfig(profile, copy);
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(
                "configuration key '" + key + "' is not set for profile '" + profile + "'"));
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be an integer, got '" + get(key) + "'");
        }
    }

    /** {@code true} or {@code false}, nothing else. */
    public boolean getBoolean(String key) {
        return switch (get(key)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("configuration key '" + key + "' must be true or false, got '" + get(key) + "'");
        };
    }

    /** ISO-8601 durations, e.g. {@code PT2M}. */
    public Duration getDuration(String key) {
        try {
            return Duration.parse(get(key));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be an ISO-8601 duration like PT2M, got '" + get(key) + "'");
        }
    }

    public ZoneId getZone(String key) {
        try {
            return ZoneId.of(get(key));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be a time zone like Asia/Shanghai, got '" + get(key) + "'");
        }
    }

    public Map<String, String> values() {
        return values;
    }

    /** These values as a properties file, for a process of its own (a CLI command, a job's main) to load. */
    public Path writeTo(Path file, String comment) throws java.io.IOException {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(values);
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            properties.store(out, comment);
        }
        return file.toAbsolutePath();
    }
}
