package io.leaderlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.models.training.LabelledHistory;
import io.leaderlens.services.Simulations;
import io.leaderlens.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code train}, {@code evaluate} and {@code score} as a risk team runs them on a history with broken lines: each
 * command finishes, sets the broken lines aside with their reasons beside the input, and uses every valid line.
 */
class ModelCommandsInputTest {
    @TempDir
    Path dir;

    @Test
    void brokenLinesNeverStopAModelCommand() throws Exception {
        Path history = dir.resolve("history");
        Simulations.toFiles(SimulationOptions.defaults(11, 40_000, 3), history);
        LabelledHistory clean = LabelledHistory.read(history);
        Files.writeString(history.resolve("events.jsonl"), "{\"schema\":\"OrderEvent\"\n\"quantity\":0}\n", StandardOpenOption.APPEND);
        Files.writeString(history.resolve("labels.jsonl"), "{\"subject\":\"member\"}\n", StandardOpenOption.APPEND);
        Path registry = dir.resolve("registry");

        assertThat(run("train", "--in", history.toString(), "--registry", registry.toString(), "--report", dir.resolve("report").toString(),
                "--no-catalog", "--trees", "5", "--config", "../conf/leaderlens.properties")).isZero();
        assertThat(Files.readAllLines(history.resolve("events.jsonl.rejected.jsonl"))).hasSize(2);
        assertThat(Files.readAllLines(history.resolve("labels.jsonl.rejected.jsonl"))).singleElement().asString().contains("event_time must be an integer");
        assertThat(registry.resolve("order")).isDirectory();
        assertThat(registry.resolve("member")).isDirectory();

        assertThat(run("evaluate", "--in", history.toString(), "--registry", registry.toString())).isZero();

        Path csv = dir.resolve("scores.csv");
        assertThat(run("score", "--in", history.toString(), "--out", csv.toString(), "--registry", registry.toString())).isZero();
        List<String> scored = Files.readAllLines(csv);
        assertThat(scored).hasSize(1 + clean.rows().size()); // header + every moment of the valid lines
    }

    private static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
