package io.leaderlens.models.training;

import static java.util.Objects.requireNonNull;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.AnomalyDetector;
import io.leaderlens.models.FraudModel;
import io.leaderlens.models.calibration.CalibratedModel;
import io.leaderlens.models.calibration.PlattCalibration;
import io.leaderlens.models.smile.IsolationForestDetector;
import io.leaderlens.models.evaluation.BinaryMetrics;
import io.leaderlens.models.evaluation.PopulationStability;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one model per subject (orders, members). The labelled subjects are split in time: the earlier
 * {@code trainShare} of them (by their first scored moment) train a model, the later ones are held out — nothing
 * after the split reaches that model. On the held-out subjects the scores are calibrated into probabilities
 * (Platt) and the alert threshold is chosen within the {@link AlertBudget}; then the model is fitted again on every
 * labelled row, and that refit, with the held-out calibration and threshold, is what gets saved.
 */
public final class FraudTraining {
    private static final double DAY_MILLIS = 86_400_000.0;
    private static final int DRIFT_BINS = 10;
    private static final int DRIFT_FEATURES = 5;

    /**
     * Refund-only abuse cannot be seen when an order is paid (the order looks ordinary until the claim):
     * it is judged on the member when the refund is claimed, so the order model neither learns from nor is
     * measured on those orders.
     */
    static final java.util.Set<String> JUDGED_AT_REFUND_NOT_PAYMENT = java.util.Set.of("refund_abuse");

    private static boolean judged(LabelledHistory history, FeatureRow row, String subject) {
        String scenario = history.scenario(row);
        return row.subject().equals(subject)
                && !(subject.equals(FeatureRow.ORDER) && scenario != null && JUDGED_AT_REFUND_NOT_PAYMENT.contains(scenario));
    }

    /** A model for one subject with its alert threshold. */
    public record SubjectModel(String subject, FraudModel model, double threshold) {}

    /**
     * A trained model: how the model fitted before the split did on the held-out subjects after it ({@code holdout},
     * calibrated scores), the calibration and the threshold chosen there, and the model saved — fitted again on all
     * {@code refitRows} labelled rows. Beside it the unsupervised anomaly detector, fitted the same way without labels,
     * and how well its score alone ranks the held-out frauds (it is not tuned for them: it looks for the unusual).
     *
     * @param scoreBaseline  the saved model's scores of the held-out subjects: what its live scores should look like
     * @param featureBaselines the held-out rows' values of the features {@code heldOutDrift} watches: what the live
     *                       job's feature samples should look like
     * @param heldOutDrift   PSI of the held-out period against the training period: the score, then the most
     *                       important features (rows), in that order
     * @param unseen         the scenarios labelled among the held-out subjects that no training row carried: what a new
     *                       kind of fraud looks like to both models
     */
    public record Trained(SubjectModel model, Evaluation holdout, long splitTime, int trainRows, int trainFrauds,
                          AnomalyDetector anomaly, Evaluation anomalyHoldout, PlattCalibration calibration,
                          AlertThreshold alertThreshold, int refitRows, int refitFrauds, PopulationStability.Baseline scoreBaseline,
                          Map<String, Double> heldOutDrift, Map<String, PopulationStability.Baseline> featureBaselines,
                          List<UnseenScenario> unseen) {
        /**
         * False when the held-out subjects lacked frauds or legitimate ones (or ranked the frauds lower), so scores
         * stay uncalibrated.
         */
        public boolean calibrated() {
            return calibration != PlattCalibration.IDENTITY;
        }
    }

    /**
     * A fraud scenario the model never saw in training, on the held-out subjects: how many the model caught at its
     * threshold, and how many the anomaly detector ranked among its {@code topAnomalies} most unusual subjects (as many
     * as the alert budget lets the risk team review).
     */
    public record UnseenScenario(String scenario, long subjects, long caughtByModel, long amongTopAnomalies, long topAnomalies) {
        public double anomalyRecall() {
            return subjects == 0 ? Double.NaN : (double) amongTopAnomalies / subjects;
        }

        public double modelRecall() {
            return subjects == 0 ? Double.NaN : (double) caughtByModel / subjects;
        }
    }

    /**
     * How a subject model did on some history: per subject its highest score, label, scenario (null when legitimate)
     * and the moment of that highest score.
     */
    public record Evaluation(String subject, long subjects, long frauds, double auc, double averagePrecision,
                             BinaryMetrics.AtThreshold atThreshold, Map<String, double[]> recallByScenario,
                             double[] scores, int[] labels, String[] scenarios, long[] times) {

        static Evaluation of(String subject, double[] scores, String[] scenarios, long[] times, double threshold) {
            int[] labels = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                labels[i] = scenarios[i] != null ? 1 : 0;
            }
            return judged(subject, BinaryMetrics.auc(scores, labels), BinaryMetrics.averagePrecision(scores, labels), scores, labels,
                    scenarios, times, threshold);
        }

        /** The same subjects and scores, judged at another threshold (the ranking figures stay). */
        public Evaluation at(double threshold) {
            return judged(subject, auc, averagePrecision, scores, labels, scenarios, times, threshold);
        }

        private static Evaluation judged(String subject, double auc, double averagePrecision, double[] scores, int[] labels,
                                         String[] scenarios, long[] times, double threshold) {
            Map<String, double[]> byScenario = new HashMap<>(); // scenario -> {caught, total}
            long frauds = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scenarios[i] != null) {
                    frauds++;
                    double[] counts = byScenario.computeIfAbsent(scenarios[i], k -> new double[2]);
                    counts[1]++;
                    if (scores[i] >= threshold) {
                        counts[0]++;
                    }
                }
            }
            return new Evaluation(subject, scores.length, frauds, auc, averagePrecision,
                    BinaryMetrics.atThreshold(scores, labels, threshold), byScenario, scores, labels, scenarios, times);
        }

        /** Per scenario, how many of its subjects are among the {@code k} highest scores. */
        public Map<String, Long> amongTop(int k) {
            int[] order = io.leaderlens.models.evaluation.ThresholdSweep.of(scores, labels).order();
            Map<String, Long> top = new HashMap<>();
            for (int r = 0; r < Math.min(k, order.length); r++) {
                String scenario = scenarios[order[r]];
                if (scenario != null) {
                    top.merge(scenario, 1L, Long::sum);
                }
            }
            return top;
        }
    }

    private final GradientBoostedTrees.Settings settings;
    private final AlertBudget budget;

    public FraudTraining(GradientBoostedTrees.Settings settings, AlertBudget budget) {
        this.settings = requireNonNull(settings, "settings");
        this.budget = requireNonNull(budget, "budget");
    }

    public Trained train(LabelledHistory history, String subject, double trainShare) {
        List<FeatureRow> judged = history.rows().stream().filter(r -> judged(history, r, subject)).toList();
        long split = splitTime(judged, trainShare);
        Map<String, Long> firstSeen = firstSeen(judged);
        List<FeatureRow> train = new ArrayList<>();
        List<FeatureRow> holdout = new ArrayList<>();
        for (FeatureRow row : judged) {
            if (firstSeen.get(row.subjectId()) >= split) {
                holdout.add(row);
            } else if (row.eventTime() < split) {
                train.add(row);
            } // (a training subject's moments after the split reach only the refit)
        }
        FraudModel beforeSplit = fit(history, train);
        Evaluation raw = evaluate(history, holdout, subject, beforeSplit::score, Double.POSITIVE_INFINITY);
        PlattCalibration calibration = calibration(raw);
        FraudModel calibratedBeforeSplit = new CalibratedModel(beforeSplit, calibration);
        double heldOutDays = Math.max(0, history.lastEventTime() - split) / DAY_MILLIS;
        Evaluation probabilities = evaluate(history, holdout, subject, calibratedBeforeSplit::score, Double.POSITIVE_INFINITY);
        AlertThreshold threshold = AlertThreshold.choose(probabilities.scores(), probabilities.labels(),
                heldOutDayIndex(probabilities.times(), split), heldOutDays, budget);
        Evaluation holdoutAtThreshold = probabilities.at(threshold.threshold());
        AnomalyDetector anomalyBeforeSplit = IsolationForestDetector.train(FraudFeatures.NAMES, features(train),
                IsolationForestDetector.Settings.defaults());
        Evaluation anomalyHoldout = evaluate(history, holdout, subject, anomalyBeforeSplit::score, Double.POSITIVE_INFINITY);
        List<UnseenScenario> unseen = unseen(history, train, holdoutAtThreshold, anomalyHoldout, threshold.maxAlerts());

        Map<String, Double> drift = drift(history, subject, calibratedBeforeSplit, train, holdout, probabilities.scores());

        FraudModel refit = new CalibratedModel(fit(history, judged), calibration);
        AnomalyDetector anomaly = IsolationForestDetector.train(FraudFeatures.NAMES, features(judged), IsolationForestDetector.Settings.defaults());
        // the live scores come from the refit, whose scores of legitimate subjects sit elsewhere in the small numbers than
        // the first fit's: its own scores of the held-out subjects are the baseline live drift is measured against
        double[] refitScores = evaluate(history, holdout, subject, refit::score, Double.POSITIVE_INFINITY).scores();
        return new Trained(new SubjectModel(subject, refit, threshold.threshold()), holdoutAtThreshold, split, train.size(),
                frauds(history, train), anomaly, anomalyHoldout, calibration, threshold, judged.size(), frauds(history, judged),
                PopulationStability.baseline(refitScores, DRIFT_BINS), drift, featureBaselines(drift, holdout), unseen);
    }

    /** Which held-out day (24 hours from the split on) each subject's alert would fall on: its highest score's. */
    static int[] heldOutDayIndex(long[] times, long split) {
        int[] days = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            days[i] = (int) Math.max(0, Math.floorDiv(times[i] - split, (long) DAY_MILLIS));
        }
        return days;
    }

    private static List<UnseenScenario> unseen(LabelledHistory history, List<FeatureRow> train, Evaluation model,
                                               Evaluation anomaly, long topAnomalies) {
        java.util.Set<String> trained = new java.util.HashSet<>();
        for (FeatureRow row : train) {
            String scenario = history.scenario(row);
            if (scenario != null) {
                trained.add(scenario);
            }
        }
        Map<String, Long> amongTop = anomaly.amongTop((int) Math.min(Integer.MAX_VALUE, topAnomalies));
        List<UnseenScenario> unseen = new ArrayList<>();
        new TreeMap<>(model.recallByScenario()).forEach((scenario, counts) -> {
            if (!trained.contains(scenario)) {
                unseen.add(new UnseenScenario(scenario, (long) counts[1], (long) counts[0], amongTop.getOrDefault(scenario, 0L),
                        topAnomalies));
            }
        });
        return unseen;
    }

    /** Platt scaling fitted on the held-out scores, or the identity when they give nothing to fit against. */
    private static PlattCalibration calibration(Evaluation heldOut) {
        if (heldOut.frauds() == 0 || heldOut.frauds() == heldOut.subjects()) {
            return PlattCalibration.IDENTITY;
        }
        try {
            return PlattCalibration.fit(heldOut.scores(), heldOut.labels());
        } catch (IllegalArgumentException reversed) {
            return PlattCalibration.IDENTITY; // frauds ranked below legitimate subjects: the report shows it uncalibrated
        }
    }

    /**
     * How far the held-out period moved from the training period: the PSI of the subjects' scores, then of the
     * {@link #DRIFT_FEATURES} most important features over their rows.
     */
    private static Map<String, Double> drift(LabelledHistory history, String subject, FraudModel model, List<FeatureRow> train,
                                             List<FeatureRow> holdout, double[] heldOutScores) {
        Map<String, Double> drift = new java.util.LinkedHashMap<>();
        double[] trainScores = evaluate(history, train, subject, model::score, Double.POSITIVE_INFINITY).scores();
        drift.put("score", trainScores.length == 0 || heldOutScores.length == 0 ? Double.NaN
                : PopulationStability.baseline(trainScores, DRIFT_BINS).psi(heldOutScores));
        double[] importance = model.importance();
        java.util.stream.IntStream.range(0, importance.length).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> -importance[i])).limit(DRIFT_FEATURES)
                .forEach(f -> drift.put(FraudFeatures.NAMES.get(f), train.isEmpty() || holdout.isEmpty() ? Double.NaN
                        : PopulationStability.baseline(column(train, f), DRIFT_BINS).psi(column(holdout, f))));
        return drift;
    }

    /** The held-out rows' bins of every feature the drift watches (none without held-out rows). */
    private static Map<String, PopulationStability.Baseline> featureBaselines(Map<String, Double> drift, List<FeatureRow> holdout) {
        Map<String, PopulationStability.Baseline> baselines = new java.util.LinkedHashMap<>();
        if (!holdout.isEmpty()) {
            drift.keySet().stream().filter(name -> !name.equals("score")).forEach(name -> baselines.put(name,
                    PopulationStability.baseline(column(holdout, FraudFeatures.index(name)), DRIFT_BINS)));
        }
        return baselines;
    }

    private static double[] column(List<FeatureRow> rows, int feature) {
        return rows.stream().mapToDouble(r -> r.values()[feature]).toArray();
    }

    /**
     * The first scored moment of the first held-out subject: subjects ordered by their first moment, the earlier
     * {@code trainShare} of them before it (a fixed share of subjects, however the events around them are spread).
     */
    static long splitTime(List<FeatureRow> rows, double trainShare) {
        long[] firsts = firstSeen(rows).values().stream().mapToLong(Long::longValue).sorted().toArray();
        int cut = (int) Math.floor(firsts.length * trainShare);
        if (cut < 1 || cut >= firsts.length) {
            throw new IllegalArgumentException("too few subjects to split: " + firsts.length + " with a train share of " + trainShare);
        }
        return firsts[cut];
    }

    private static Map<String, Long> firstSeen(List<FeatureRow> rows) {
        Map<String, Long> first = new HashMap<>();
        for (FeatureRow row : rows) {
            first.merge(row.subjectId(), row.eventTime(), Math::min);
        }
        return first;
    }

    private FraudModel fit(LabelledHistory history, List<FeatureRow> rows) {
        int[] y = rows.stream().mapToInt(r -> history.scenario(r) == null ? 0 : 1).toArray();
        return GradientBoostedTrees.train(FraudFeatures.NAMES, features(rows), y, settings);
    }

    private static double[][] features(List<FeatureRow> rows) {
        return rows.stream().map(FeatureRow::values).toArray(double[][]::new);
    }

    private static int frauds(LabelledHistory history, List<FeatureRow> rows) {
        return (int) rows.stream().filter(r -> history.scenario(r) != null).count();
    }

    public static Evaluation evaluate(LabelledHistory history, SubjectModel model) {
        List<FeatureRow> rows = history.rows().stream().filter(r -> judged(history, r, model.subject())).toList();
        return evaluate(history, rows, model.subject(), model.model()::score, model.threshold());
    }

    /**
     * Scores every row; a subject scores its highest row (a member is flagged once any of its moments is),
     * and recall per scenario is over the subjects labelled with it.
     */
    static Evaluation evaluate(LabelledHistory history, List<FeatureRow> rows, String subject,
                               java.util.function.ToDoubleFunction<double[]> model, double threshold) {
        Map<String, double[]> best = new TreeMap<>(); // subject id -> {highest score, its time}
        for (FeatureRow row : rows) {
            double score = model.applyAsDouble(row.values());
            double[] b = best.get(row.subjectId());
            if (b == null) {
                best.put(row.subjectId(), new double[] {score, row.eventTime()});
            } else if (score > b[0]) {
                b[0] = score;
                b[1] = row.eventTime();
            }
        }
        double[] scores = new double[best.size()];
        String[] scenarios = new String[best.size()];
        long[] times = new long[best.size()];
        int i = 0;
        for (Map.Entry<String, double[]> e : best.entrySet()) {
            scenarios[i] = history.scenarioBySubject().get(LabelledHistory.key(subject, e.getKey()));
            scores[i] = e.getValue()[0];
            times[i] = (long) e.getValue()[1];
            i++;
        }
        return Evaluation.of(subject, scores, scenarios, times, threshold);
    }
}
