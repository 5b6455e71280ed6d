package io.leaderlens.metrics;

/** Conversion and formation rates. A rate over nothing is unknown (null), not zero. */
public final class Ratios {
    private Ratios() {}

    public static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
