package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.console.ProgressBar;
import io.leaderlens.events.EventValidator;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.events.codec.JsonEventCodec;
import io.leaderlens.simulator.EventWriter;
import io.leaderlens.simulator.KafkaEventWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
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
        JsonEventCodec codec = new JsonEventCodec();
        EventValidator validator = new EventValidator();
        Path rejected = Path.of(in + ".rejected.jsonl");
        long total;
        try (var lines = Files.lines(in)) {
            total = lines.count();
        }
        long sent = 0;
        long refused = 0;
        Path labelFile = Files.createTempFile("replay-labels", ".jsonl"); // replays carry no labels
        try (BufferedReader reader = Files.newBufferedReader(in);
             BufferedWriter rejects = Files.newBufferedWriter(rejected);
             EventWriter kafka = new KafkaEventWriter(config.get("kafka.bootstrap-servers"), CliContext.eventTopics(config), labelFile);
             ProgressBar progress = new ProgressBar("replay", total, System.err)) {
            long lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                String reason;
                try {
                    PlatformEvent event = codec.decode(line);
                    reason = validator.violation(event).orElse(null);
                    if (reason == null) {
                        kafka.write(event.record());
                        sent++;
                    }
                } catch (EventDecodingException e) {
                    reason = e.getMessage();
                }
                if (reason != null) {
                    refused++;
                    rejects.write("{\"line\":" + lineNumber + ",\"reason\":" + quote(reason) + ",\"text\":" + quote(line) + "}\n");
                }
                progress.step(1);
            }
        } finally {
            Files.deleteIfExists(labelFile);
        }
        Log.info("replayed " + sent + " events from " + in + (refused > 0 ? "; " + refused + " lines refused, see " + rejected : ""));
        if (refused == 0) {
            Files.deleteIfExists(rejected);
        }
        return refused == 0 ? 0 : 2;
    }

    private static String quote(String s) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
    }
}
