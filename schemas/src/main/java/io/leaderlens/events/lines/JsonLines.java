package io.leaderlens.events.lines;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.EventValidator;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.events.codec.JsonEventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JSON-lines file the way the jobs read a topic: every line is parsed and checked, a line that
 * cannot be used is set aside with its reason ({@link RejectedLines}) and the rest is read on; one bad line
 * never stops a command. Blank lines carry nothing and are skipped.
 */
public final class JsonLines {
    private JsonLines() {}

    /** Turns one line into a value, or says why it cannot. */
    @FunctionalInterface
    public interface LineParser<T> {
        T parse(String text) throws InvalidLineException;
    }

    /** What a read kept and what it set aside. */
    public record Read<T>(Path file, List<T> values, long lines, long rejected, Path rejectedFile) {
        public Read {
            requireNonNull(file, "file");
            values = List.copyOf(values);
            requireNonNull(rejectedFile, "rejectedFile");
        }

        /** One line for a command's log, or empty when nothing was set aside. */
        public java.util.Optional<String> setAsideNote() {
            return rejected == 0 ? java.util.Optional.empty() : java.util.Optional.of(String.format(Locale.ROOT,
                    "%s: set aside %,d of %,d lines that are not valid; each with its reason in %s", file, rejected, lines, rejectedFile));
        }
    }

    public static <T> Read<T> read(Path file, LineParser<T> parser) throws IOException {
        List<T> values = new ArrayList<>();
        long lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file);
             RejectedLines rejected = new RejectedLines(file)) {
            for (String text; (text = in.readLine()) != null; ) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    values.add(parser.parse(text));
                } catch (InvalidLineException e) {
                    rejected.reject(lineNumber, e.getMessage(), text);
                }
            }
            return new Read<>(file, values, lineNumber, rejected.count(), rejected.file());
        }
    }

    /** Platform events in their JSON-lines form, each decoded and validated as the jobs do. */
    public static LineParser<PlatformEvent> events() {
        JsonEventCodec codec = new JsonEventCodec();
        EventValidator validator = new EventValidator();
        return text -> {
            PlatformEvent event;
            try {
                event = codec.decode(text);
            } catch (EventDecodingException e) {
                throw new InvalidLineException(e.getMessage());
            }
            var violation = validator.violation(event);
            if (violation.isPresent()) {
                throw new InvalidLineException(violation.get());
            }
            return event;
        };
    }
}
