package io.leaderlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The events the bench put into Kafka for its runs: where they start in each event topic, how many, where the
 * control topics (alerts, verdicts) ended then, and the moment the simulated period ends. Every measured run
 * reads exactly this input ({@code events} is what reached the topics of events at leaders, which every measured job
 * reads — the platform's few campaign events are left out; {@code requested} what the simulation was
 * asked for, which {@code --reuse-fill} compares: the simulator sends fewer than it is asked for). Kept as JSON so
 * a later {@code bench/run --reuse-fill} measures the same input again.
 */
record Fill(long seed, long requested, long events, int days, Map<TopicPartition, Long> start, Map<TopicPartition, Long> controlEnd, long asOf) {
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("seed", seed).put("requested", requested).put("events", events).put("days", days).put("as_of", asOf);
        ObjectNode s = root.putObject("start");
        start.forEach((tp, offset) -> s.put(tp.topic() + ":" + tp.partition(), offset));
        ObjectNode c = root.putObject("control_end");
        controlEnd.forEach((tp, offset) -> c.put(tp.topic() + ":" + tp.partition(), offset));
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    static Fill read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        return new Fill(root.get("seed").asLong(), root.path("requested").asLong(-1), root.get("events").asLong(), root.get("days").asInt(), offsets(root.get("start")),
                offsets(root.get("control_end")), root.get("as_of").asLong());
    }

    private static Map<TopicPartition, Long> offsets(JsonNode node) {
        Map<TopicPartition, Long> out = new HashMap<>();
        node.fields().forEachRemaining(e -> {
            int colon = e.getKey().lastIndexOf(':');
            out.put(new TopicPartition(e.getKey().substring(0, colon), Integer.parseInt(e.getKey().substring(colon + 1))),
                    e.getValue().asLong());
        });
        return out;
    }
}
