package io.leaderlens.models.evaluation;

import java.util.Arrays;

/**
 * Population stability index: how far a distribution (of scores, of a feature) moved from a baseline. The
 * baseline's deciles cut the values into bins; PSI = Σ (current share − baseline share) · ln(current / baseline),
 * shares floored at {@link #FLOOR} so an empty bin stays finite. Read as usual: below 0.1 stable, 0.1–0.25 worth
 * watching, above 0.25 the model needs retraining. The risk view {@code v_score_drift_daily} bins the same way: a
 * value falls into bin {@code 1 + (number of edges ≤ value)}.
 */
public final class PopulationStability {
    public static final double FLOOR = 1e-4;

    private PopulationStability() {}

    /** Bin edges and the baseline's share of values in each of the {@code edges.length + 1} bins. */
    public record Baseline(double[] edges, double[] shares) {
        public Baseline {
            if (shares.length != edges.length + 1) {
                throw new IllegalArgumentException(edges.length + " edges need " + (edges.length + 1) + " shares, got " + shares.length);
            }
        }

        /** PSI of {@code values} against this baseline (NaN without values). */
        public double psi(double[] values) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] current = binShares(edges, values);
            double psi = 0;
            for (int i = 0; i < shares.length; i++) {
                double expected = Math.max(shares[i], FLOOR);
                double actual = Math.max(current[i], FLOOR);
                psi += (actual - expected) * Math.log(actual / expected);
            }
            return psi;
        }
    }

    /** The baseline of {@code values}: up to {@code bins} bins at its quantiles (ties merge bins). */
    public static Baseline baseline(double[] values, int bins) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a baseline needs values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] edges = java.util.stream.IntStream.range(1, bins)
                .mapToDouble(k -> sorted[(int) Math.min(sorted.length - 1, Math.floor((double) k * sorted.length / bins))])
                .filter(e -> e > sorted[0]) // an edge at the minimum would leave its lower bin empty for good
                .distinct().toArray();
        return new Baseline(edges, binShares(edges, values));
    }

    static double[] binShares(double[] edges, double[] values) {
        double[] shares = new double[edges.length + 1];
        for (double value : values) {
            int bin = 0;
            while (bin < edges.length && edges[bin] <= value) {
                bin++;
            }
            shares[bin]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= values.length;
        }
        return shares;
    }
}
