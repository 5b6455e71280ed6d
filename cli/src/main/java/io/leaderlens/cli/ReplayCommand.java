package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.console.ProgressBar;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.lines.InvalidLineException;
import io.leaderlens.events.lines.JsonLines;
import io.leaderlens.events.lines.RejectedLines;
import io.leaderlens.simulator.EventWriter;
import io.leaderlens.simulator.KafkaEventWriter;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send events from a JSON-lines file (as written by 'simulate --out file:DIR') to their Kafka topics. "
                + "Lines that are not valid events (undecodable, or breaking a rule the jobs apply: the same validator) are not "
                + "sent; they go to <file>.rejected.jsonl with the line number and the reason, and the exit code is 2.")
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--in", required = true, description = "events file (JSON lines)")
    Path in;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        JsonLines.LineParser<PlatformEvent> events = JsonLines.events();
        long total;
        try (var lines = Files.lines(in)) {
            total = lines.count();
        }
        long sent = 0;
        long refused;
        Path rejected;
        Path labelFile = Files.createTempFile("replay-labels", ".jsonl"); // replays carry no labels
        try (BufferedReader reader = Files.newBufferedReader(in);
             RejectedLines rejects = new RejectedLines(in);
             EventWriter kafka = new KafkaEventWriter(config.get("kafka.bootstrap-servers"), CliContext.eventTopics(config), labelFile);
             ProgressBar progress = new ProgressBar("replay", total, System.err)) {
            long lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                progress.step(1);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    kafka.write(events.parse(line).record());
                    sent++;
                } catch (InvalidLineException e) {
                    rejects.reject(lineNumber, e.getMessage(), line);
                }
            }
            refused = rejects.count();
            rejected = rejects.file();
        } finally {
            Files.deleteIfExists(labelFile);
        }
        Log.info("replayed " + sent + " events from " + in + (refused > 0 ? "; " + refused + " lines refused, see " + rejected : ""));
        return refused == 0 ? 0 : 2;
    }
}
