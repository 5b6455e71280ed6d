package io.leaderlens.models.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.AnomalyDetector;
import io.leaderlens.models.FraudModel;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Versioned model artefacts on disk: {@code <root>/<subject>/v<N>/model.bin} (the model), {@code anomaly.bin}
 * (the unsupervised anomaly detector trained beside it, when there is one) and {@code model.json} (feature list and its hash, threshold, metrics, training data range). A model whose
 * feature hash differs from the code's {@link FraudFeatures#HASH} is refused: it would read the features wrong.
 */
public final class ModelRegistry {
    /** A loaded model with its registry metadata. */
    public record Entry(String subject, int version, FraudModel model, double threshold, Map<String, Object> metadata,
                        Optional<AnomalyDetector> anomaly) {
        public String versionName() {
            return subject + "-v" + version;
        }
    }

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelRegistry(Path root) {
        this.root = requireNonNull(root, "root");
    }

    public Entry save(String subject, FraudModel model, double threshold, Map<String, Object> metrics, Map<String, Object> trainingData)
            throws IOException {
        return save(subject, model, null, threshold, metrics, trainingData);
    }

    /** Saves the next version of a subject's model, with its anomaly detector when {@code anomaly} is not null. */
    public Entry save(String subject, FraudModel model, AnomalyDetector anomaly, double threshold, Map<String, Object> metrics,
                      Map<String, Object> trainingData) throws IOException {
        int version = latestVersion(subject).orElse(0) + 1;
        Path dir = root.resolve(subject).resolve("v" + version);
        Files.createDirectories(dir);
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(dir.resolve("model.bin")))) {
            out.writeObject(model);
        }
        if (anomaly != null) {
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(dir.resolve("anomaly.bin")))) {
                out.writeObject(anomaly);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("subject", subject);
        metadata.put("version", version);
        metadata.put("model_class", model.getClass().getName());
        metadata.put("features", model.featureNames());
        metadata.put("feature_hash", FraudFeatures.HASH);
        metadata.put("threshold", threshold);
        metadata.put("anomaly_class", anomaly == null ? null : anomaly.getClass().getName());
        metadata.put("metrics", metrics);
        metadata.put("training_data", trainingData);
        metadata.put("created_at", java.time.Instant.now().toString());
        metadata.put("artefact_dir", dir.toAbsolutePath().toString());
        json.writeValue(dir.resolve("model.json").toFile(), metadata);
        return new Entry(subject, version, model, threshold, metadata, Optional.ofNullable(anomaly));
    }

    public Optional<Integer> latestVersion(String subject) throws IOException {
        Path dir = root.resolve(subject);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d+"))
                    .map(n -> Integer.parseInt(n.substring(1))).max(Integer::compare);
        }
    }

    @SuppressWarnings("unchecked")
    public Entry load(String subject, int version) throws IOException {
        Path dir = root.resolve(subject).resolve("v" + version);
        Map<String, Object> metadata = json.readValue(dir.resolve("model.json").toFile(), Map.class);
        if (!FraudFeatures.HASH.equals(metadata.get("feature_hash"))) {
            throw new IllegalStateException(subject + " v" + version + " was trained on another feature list (hash "
                    + metadata.get("feature_hash") + ", code has " + FraudFeatures.HASH + "): retrain it with ./leaderlens train");
        }
        FraudModel model = read(dir.resolve("model.bin"), FraudModel.class);
        Path anomaly = dir.resolve("anomaly.bin");
        return new Entry(subject, version, model, ((Number) metadata.get("threshold")).doubleValue(), metadata,
                Files.isRegularFile(anomaly) ? Optional.of(read(anomaly, AnomalyDetector.class)) : Optional.empty());
    }

    private static <T> T read(Path file, Class<T> type) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            return type.cast(in.readObject());
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("cannot read " + file + " as " + type.getSimpleName(), e);
        }
    }

    public Entry latest(String subject) throws IOException {
        int version = latestVersion(subject).orElseThrow(() -> new IllegalStateException(
                "no " + subject + " model in " + root + ": train one with ./leaderlens train"));
        return load(subject, version);
    }
}
