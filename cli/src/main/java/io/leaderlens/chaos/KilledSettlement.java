package io.leaderlens.chaos;

import io.leaderlens.commissions.settlement.SettlementPeriod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./leaderlens settle} in a JVM of its own (this JVM's Java, module flags and class path), killed with
 * SIGKILL the moment it says it is committing: a settlement interrupted where it hurts most.
 */
public final class KilledSettlement {
    private KilledSettlement() {}

    /** What the process printed up to its end or its kill, and whether it was killed as it committed. */
    public record Outcome(boolean killedWhileCommitting, List<String> output) {
        public Outcome {
            output = List.copyOf(output);
        }
    }

    public static Outcome run(SettlementPeriod period, Path configFile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.leaderlens.cli.Main", "settle",
                "--config", configFile.toString(), "--period", period.name()));
        Process settle = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(settle.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.add(line);
                if (line.contains("committing")) {
                    settle.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        settle.waitFor();
        return new Outcome(killed, output);
    }
}
