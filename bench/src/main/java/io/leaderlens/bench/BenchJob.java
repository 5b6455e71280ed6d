package io.leaderlens.bench;

/**
 * What the bench can run over the filled topics: the three jobs, and the ceiling — a job that only reads the
 * same topics, assigns event time and decodes every event, with the same checkpoints, into a discarding sink.
 * A job's rate as a fraction of the ceiling can be judged on any machine.
 */
enum BenchJob {
    CEILING, METRICS, FRAUD, COMMISSIONS;

    static BenchJob parse(String name) {
        return switch (name) {
            case "ceiling" -> CEILING;
            case "metrics" -> METRICS;
            case "fraud" -> FRAUD;
            case "commissions" -> COMMISSIONS;
            default -> throw new IllegalArgumentException("--job must be ceiling, metrics, fraud, commissions or all; not " + name);
        };
    }

    String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
