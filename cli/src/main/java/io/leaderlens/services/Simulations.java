package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.console.ProgressBar;
import io.leaderlens.events.EventKind;
import io.leaderlens.simulator.EventWriter;
import io.leaderlens.simulator.JsonLinesWriter;
import io.leaderlens.simulator.KafkaEventWriter;
import io.leaderlens.simulator.RateLimitedWriter;
import io.leaderlens.simulator.SendTimeWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.codec.JsonEventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Seeded worlds, to Kafka (the platform's topics, the fraud labels to a file beside them: labels never go to
 * Kafka) or to JSON-lines files (the recomputations' input). The CLI's {@code simulate}, the demo, the chaos run,
 * the bench and the ITs all simulate through here.
 */
public final class Simulations {
    private final String bootstrapServers;
    private final Map<EventKind, String> topics;
    private final Path labelsDir;
    private final Consumer<String> log;

    /**
     * @param labelsDir where a Kafka simulation's labels go when no file is named ({@code seed-<seed>.jsonl})
     */
    public Simulations(String bootstrapServers, Map<EventKind, String> topics, Path labelsDir, Consumer<String> log) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers");
        this.topics = Map.copyOf(topics);
        this.labelsDir = requireNonNull(labelsDir, "labelsDir");
        this.log = requireNonNull(log, "log");
    }

    /** To the topics; {@code labels} null: {@code <labelsDir>/seed-<seed>.jsonl}; {@code rate} null: as fast as possible. */
    public long toKafka(SimulationOptions options, Path labels, Double rate) throws IOException {
        return run(options, kafka(labels, options), rate);
    }

    /**
     * Simulates to the topics at {@code rate} events/s, each event stamped with the moment it is sent ({@link SendTimeWriter}):
     * a live platform whose hours and days are the wall clock's ({@code demo --follow}).
     */
    public long toKafkaStampedAtSending(SimulationOptions options, Path labels, double rate) throws IOException {
        return run(options, new SendTimeWriter(kafka(labels, options)), rate);
    }

    /**
     * Replays a simulated world's {@code events.jsonl} (from {@link #toFiles}) to the topics at {@code rate} events/s, each
     * event stamped with the moment it is sent ({@link SendTimeWriter}: event time = ingestion time), for measuring
     * latencies on the wall clock. Simulating beforehand keeps the simulator's own work out of the measured window.
     */
    public long replayStampedAtSending(Path eventsJsonl, double rate) throws IOException {
        // decoded before the clock starts and kept as Avro binary (a fraction of the JSON's size): while sending, the
        // replay does what a platform's producer does (a binary decode gives a fresh record, stamped in place, then
        // encoded and sent) and no JSON parsing: parsing while sending held 10,000 events/s asked to 5,764 sent
        List<byte[]> world = new ArrayList<>();
        JsonEventCodec json = new JsonEventCodec();
        BinaryEventCodec binary = new BinaryEventCodec();
        try (BufferedReader in = Files.newBufferedReader(eventsJsonl)) {
            for (String line; (line = in.readLine()) != null; ) {
                world.add(binary.encode(json.decode(line).record()));
            }
        } catch (EventDecodingException e) {
            throw new IOException(eventsJsonl + " line " + (world.size() + 1) + ": " + e.getMessage(), e);
        }
        Path noLabels = Files.createTempFile("replay-labels", ".jsonl"); // a replay writes none
        long sent = 0;
        try (EventWriter out = new RateLimitedWriter(
                SendTimeWriter.stampingInPlace(new KafkaEventWriter(bootstrapServers, topics, noLabels)), rate)) {
            for (int i = 0; i < world.size(); i++, sent++) {
                out.write(binary.decode(world.get(i)).record());
                world.set(i, null);
            }
        } catch (EventDecodingException e) {
            throw new IllegalStateException("an event the replay encoded itself did not decode: " + e.getMessage(), e);
        }
        return sent;
    }

    private EventWriter kafka(Path labels, SimulationOptions options) throws IOException {
        Path labelFile = labels != null ? labels : labelsDir.resolve("seed-" + options.seed() + ".jsonl");
        log.accept("fraud labels go to " + labelFile + " (never to Kafka)");
        return new KafkaEventWriter(bootstrapServers, topics, labelFile);
    }

    /** To {@code dir/events.jsonl} and {@code dir/labels.jsonl}. */
    public static long toFiles(SimulationOptions options, Path dir) throws IOException {
        return run(options, new JsonLinesWriter(dir), null);
    }

    private static long run(SimulationOptions options, EventWriter writer, Double rate) throws IOException {
        EventWriter paced = rate == null ? writer : new RateLimitedWriter(writer, rate);
        try (EventWriter w = paced; ProgressBar progress = new ProgressBar("simulate", options.events(), System.err)) {
            return new Simulator(options).run(w, progress::step);
        }
    }
}
