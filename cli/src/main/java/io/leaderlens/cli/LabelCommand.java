package io.leaderlens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Load known fraud outcomes (labels.jsonl: subject, id, scenario, event_time) into Iceberg fraud_labels, "
                + "so the risk views can measure the precision of past alerts. Labels already loaded are skipped; lines that are not "
                + "labels are set aside into <file>.rejected.jsonl with their reasons.")
public final class LabelCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--in", required = true, description = "labels.jsonl, or a directory holding it (./leaderlens simulate writes one)")
    Path in;

    @Option(names = "--source", description = "where the labels come from (default ${DEFAULT-VALUE})")
    String source = "simulator";

    @Override
    public Integer call() throws Exception {
        var loaded = CliContext.fraudLabels(context.config()).load(in, source);
        loaded.setAside().ifPresent(Log::info);
        Log.info("loaded " + loaded.added() + " new labels from " + in + " into iceberg.leaderlens.fraud_labels");
        return 0;
    }
}
