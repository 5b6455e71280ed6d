package io.leaderlens.bench;

import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The alert-latency bench's sender, in a JVM of its own ({@link AlertLatencyBench} starts it): a world replayed to the
 * event topics at a rate, every event stamped when sent. The platform's producers do not share the job's heap; in
 * the bench's JVM their batches' compression buffers were a third of what the job's young collections went through.
 * Prints {@code sent <events>} last.
 */
public final class StampedReplay {
    private StampedReplay() {}

    /** Arguments: the configuration file, Kafka's bootstrap servers, the data directory, the world's events.jsonl, events per second. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StampedReplay <config> <bootstrap servers> <data dir> <events.jsonl> <events per second>");
            System.exit(2);
        }
        LeaderlensConfig conf = LeaderlensConfig.load(Path.of(args[0]), "local", System.getenv())
                .with("kafka.bootstrap-servers", args[1]).with("stack.data-dir", args[2]);
        long sent = CliContext.simulations(conf).replayStampedAtSending(Path.of(args[3]), Double.parseDouble(args[4]));
        System.out.printf(Locale.ROOT, "sent %d%n", sent);
    }
}
