package io.leaderlens.models.calibration;

import java.io.Serializable;

/**
 * Platt scaling on the log-odds of a model's score: {@code p = 1 / (1 + exp(-(a * logit(s) + b)))}, fitted by
 * Newton's method on held-out scores and labels with Platt's smoothed targets (so a held-out set with few frauds
 * does not push probabilities to 0 or 1). Monotone when {@code a > 0}, so it changes what a threshold means, never
 * the order of the scores; a fit that would reverse the order is refused.
 */
public record PlattCalibration(double a, double b) implements Serializable {
    /** The identity: a score calibrated by it is the score itself. */
    public static final PlattCalibration IDENTITY = new PlattCalibration(1, 0);
    private static final double EPSILON = 1e-6;
    private static final double RIDGE = 1e-6;

    public double apply(double score) {
        return 1 / (1 + Math.exp(-(a * logit(score) + b)));
    }

    static double logit(double score) {
        double s = Math.min(1 - EPSILON, Math.max(EPSILON, score));
        return Math.log(s / (1 - s));
    }

    /**
     * Fits {@code a, b} on held-out scores; both classes must be present (the caller decides what to do without
     * them: there is nothing to calibrate against).
     */
    public static PlattCalibration fit(double[] scores, int[] labels) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("calibration needs frauds and legitimate subjects, got " + positives + " and " + negatives);
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double[] z = new double[scores.length];
        double[] t = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            z[i] = logit(scores[i]);
            t[i] = labels[i] == 1 ? high : low;
        }
        double a = 1;
        double b = 0;
        double loss = loss(z, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            // Newton's step on the cross-entropy in (a, b), a small ridge keeping a separable set finite, and a
            // backtracking line search so that a flat start cannot throw the step far away (Lin, Lin and Weng 2007)
            double ga = RIDGE * a;
            double gb = 0;
            double haa = RIDGE;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < z.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * z[i] + b)));
                double d = p - t[i];
                double w = Math.max(p * (1 - p), 1e-12);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 0 || Math.abs(ga) + Math.abs(gb) < 1e-9) {
                break;
            }
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double slope = ga * da + gb * db;
            double step = 1;
            double next = loss(z, t, a + da, b + db);
            while (next > loss + 1e-4 * step * slope && step > 1e-10) {
                step /= 2;
                next = loss(z, t, a + step * da, b + step * db);
            }
            if (step <= 1e-10) {
                break;
            }
            a += step * da;
            b += step * db;
            boolean converged = loss - next < 1e-12 * Math.max(1, Math.abs(loss));
            loss = next;
            if (converged) {
                break;
            }
        }
        if (!(a > 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("the held-out scores rank frauds below legitimate subjects (a = " + a + "): no calibration");
        }
        return new PlattCalibration(a, b);
    }

    /** Cross-entropy against the smoothed targets, plus the ridge on {@code a}; computed without overflow. */
    private static double loss(double[] z, double[] t, double a, double b) {
        double sum = RIDGE * a * a / 2;
        for (int i = 0; i < z.length; i++) {
            double f = a * z[i] + b;
            double log1pExp = f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f));
            sum += log1pExp - t[i] * f;
        }
        return sum;
    }
}
