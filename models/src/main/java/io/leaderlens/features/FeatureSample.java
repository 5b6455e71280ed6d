package io.leaderlens.features;

/**
 * The fixed sample of scored rows whose feature values the scoring job keeps, so the risk team can watch each
 * feature drift day by day against the period a model was checked on: one row in {@link #ONE_IN}, chosen by the
 * event id's hash — the same rows on every replay, whatever the parallelism.
 */
public final class FeatureSample {
    public static final int ONE_IN = 8;

    private FeatureSample() {}

    public static boolean sampled(String eventId) {
        return Math.floorMod(eventId.hashCode(), ONE_IN) == 0;
    }

    /** The values as a JSON object keyed by {@link FraudFeatures#NAMES} (a value that is not finite is null). */
    public static String json(double[] values) {
        if (values.length != FraudFeatures.NAMES.size()) {
            throw new IllegalArgumentException(values.length + " values for " + FraudFeatures.NAMES.size() + " features");
        }
        StringBuilder json = new StringBuilder(values.length * 32).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(FraudFeatures.NAMES.get(i)).append("\":");
            if (Double.isFinite(values[i])) {
                json.append(values[i]);
            } else {
                json.append("null");
            }
        }
        return json.append('}').toString();
    }
}
