package io.leaderlens.events.lines;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of an input file a command set aside, each with its line number and reason, in
 * {@code <input>.rejected.jsonl} beside the input: the file command-line counterpart of the jobs' dead letters.
 * The file is written only when a line is set aside, and a stale one from an earlier run is removed, so its
 * presence always means "this run refused something".
 */
public final class RejectedLines implements Closeable {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private BufferedWriter out;
    private long count;

    public RejectedLines(Path input) throws IOException {
        this.file = fileFor(requireNonNull(input, "input"));
        Files.deleteIfExists(file);
    }

    /** Where the lines set aside from {@code input} go. */
    public static Path fileFor(Path input) {
        return Path.of(input + ".rejected.jsonl");
    }

    public void reject(long lineNumber, String reason, String text) throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(file);
        }
        ObjectNode line = json.createObjectNode();
        line.put("line", lineNumber);
        line.put("reason", reason);
        line.put("text", text);
        out.write(line.toString());
        out.write('\n');
        count++;
    }

    public long count() {
        return count;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
