package io.leaderlens.bench;

/**
 * What the bench can run over the filled topics: the three jobs, and the ceiling — a job that only reads the
 * same topics, assigns event time and decodes every event, with the same checkpoints, into a discarding sink.
 * A job's rate as a fraction of the ceiling can be judged on any machine. And the raw-tables floor: the ceiling plus
 * what the leader metrics job must do with every event whatever its design — drop duplicates and write the
 * raw-event tables exactly once — so its rate bounds the metrics job's from above.
 */
enum BenchJob {
    CEILING, RAW_TABLES, METRICS, FRAUD, COMMISSIONS;

    static BenchJob parse(String name) {
        return switch (name) {
            case "ceiling" -> CEILING;
            case "raw-tables" -> RAW_TABLES;
            case "metrics" -> METRICS;
            case "fraud" -> FRAUD;
            case "commissions" -> COMMISSIONS;
            default -> throw new IllegalArgumentException("--job must be ceiling, raw-tables, metrics, fraud, commissions or all; not " + name);
        };
    }

    String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
