package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.services.Simulations;
import io.leaderlens.simulator.Difficulty;
import io.leaderlens.simulator.SimulationOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Generate a seeded group-buying world's events (with labelled fraud) to Kafka or to JSON-lines files.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--events", description = "events to emit (default ${DEFAULT-VALUE})")
    long events = 200_000;

    @Option(names = "--days", description = "simulated days (default ${DEFAULT-VALUE})")
    int days = 1;

    @Option(names = "--start", description = "first simulated day, platform time zone (default ${DEFAULT-VALUE})")
    LocalDate start = LocalDate.of(2026, 11, 16);

    @Option(names = "--rate", description = "events per second, for live runs (default: as fast as possible)")
    Double rate;

    @Option(names = "--no-fraud", description = "do not inject fraud scenarios")
    boolean noFraud;

    @Option(names = "--difficulty", description = "realistic (default: fraud hidden as on a real platform, label noise, drift, one "
            + "scenario only in the last quarter) or separable (every scenario leaves a mark; models reach AUC 1.000)")
    String difficulty = "realistic";

    @Option(names = "--out", description = "kafka (default) or file:DIR (events.jsonl + labels.jsonl)")
    String out = "kafka";

    @Option(names = "--labels", description = "label file when --out kafka (default: <data-dir>/labels/seed-<seed>.jsonl)")
    Path labels;

    @Override
    public Integer call() throws Exception {
        SimulationOptions options = options(context.rawConfig());
        long sent;
        if (out.equals("kafka")) {
            sent = CliContext.simulations(context.config()).toKafka(options, labels, rate);
        } else if (out.startsWith("file:")) {
            sent = Simulations.toFiles(options, Path.of(out.substring("file:".length())));
        } else {
            throw new IllegalArgumentException("--out must be kafka or file:DIR, got " + out);
        }
        Log.info("simulated " + sent + " events (seed " + seed + ", " + options.difficulty() + " world) to " + out);
        return 0;
    }

    SimulationOptions options(LeaderlensConfig config) {
        SimulationOptions defaults = SimulationOptions.defaults(seed, events, days);
        return new SimulationOptions(seed, events, days, start, config.getZone("timezone"), defaults.maxJitterMillis(),
                defaults.duplicateRate(), !noFraud, Difficulty.parse(difficulty));
    }
}
