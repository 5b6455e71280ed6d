package io.leaderlens.models.training;

import static java.util.Objects.requireNonNull;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.AnomalyDetector;
import io.leaderlens.models.FraudModel;
import io.leaderlens.models.smile.IsolationForestDetector;
import io.leaderlens.models.evaluation.BinaryMetrics;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one model per subject (orders, members) on the earlier part of a history and picks each model's
 * alert threshold on the later part (time-based split: nothing after the split reaches training).
 */
public final class FraudTraining {
    /** Precision the alert threshold must reach on the held-out period. */
    public static final double TARGET_PRECISION = 0.95;

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
     * A trained model, how it did on the held-out later period, and where the split was; beside it the
     * unsupervised anomaly detector fitted on the same training rows without their labels, and how well its
     * score alone ranks the held-out frauds (it is not tuned for them: it looks for the unusual).
     */
    public record Trained(SubjectModel model, Evaluation holdout, long splitTime, int trainRows, int trainFrauds,
                          AnomalyDetector anomaly, Evaluation anomalyHoldout) {}

    /** How a subject model did on some history. */
    public record Evaluation(String subject, long subjects, long frauds, double auc, double averagePrecision,
                             BinaryMetrics.AtThreshold atThreshold, Map<String, double[]> recallByScenario,
                             double[] scores, int[] labels) {}

    private final GradientBoostedTrees.Settings settings;

    public FraudTraining(GradientBoostedTrees.Settings settings) {
        this.settings = requireNonNull(settings, "settings");
    }

    public Trained train(LabelledHistory history, String subject, double trainShare) {
        long split = history.firstEventTime() + (long) ((history.lastEventTime() - history.firstEventTime()) * trainShare);
        List<FeatureRow> train = new ArrayList<>();
        List<FeatureRow> holdout = new ArrayList<>();
        for (FeatureRow row : history.rows()) {
            if (judged(history, row, subject)) {
                (row.eventTime() < split ? train : holdout).add(row);
            }
        }
        double[][] x = train.stream().map(FeatureRow::values).toArray(double[][]::new);
        int[] y = train.stream().mapToInt(r -> history.scenario(r) == null ? 0 : 1).toArray();
        FraudModel model = GradientBoostedTrees.train(FraudFeatures.NAMES, x, y, settings);
        Evaluation uncalibrated = evaluate(history, holdout, subject, model::score, 0.5);
        double threshold = threshold(uncalibrated.scores(), uncalibrated.labels());
        AnomalyDetector anomaly = IsolationForestDetector.train(FraudFeatures.NAMES, x, IsolationForestDetector.Settings.defaults());
        Evaluation anomalyHoldout = evaluate(history, holdout, subject, anomaly::score, Double.POSITIVE_INFINITY);
        return new Trained(new SubjectModel(subject, model, threshold), evaluate(history, holdout, subject, model::score, threshold),
                split, train.size(), java.util.Arrays.stream(y).sum(), anomaly, anomalyHoldout);
    }

    /**
     * The threshold with the best F1 on the held-out period among those reaching the target precision
     * there (the best F1 overall if none does): alerts must be right, and as many frauds as that allows caught.
     */
    static double threshold(double[] scores, int[] labels) {
        double[] candidates = java.util.Arrays.stream(scores).distinct().sorted().toArray();
        double best = 0.5;
        double bestF1 = -1;
        boolean bestMeetsTarget = false;
        for (double candidate : candidates) {
            BinaryMetrics.AtThreshold at = BinaryMetrics.atThreshold(scores, labels, candidate);
            if (at.flagged() == 0 || Double.isNaN(at.recall())) {
                continue;
            }
            double f1 = at.precision() + at.recall() == 0 ? 0 : 2 * at.precision() * at.recall() / (at.precision() + at.recall());
            boolean meets = at.precision() >= TARGET_PRECISION;
            if ((meets && !bestMeetsTarget) || (meets == bestMeetsTarget && f1 > bestF1)) {
                best = candidate;
                bestF1 = f1;
                bestMeetsTarget = meets;
            }
        }
        return best;
    }

    public Evaluation evaluate(LabelledHistory history, SubjectModel model) {
        List<FeatureRow> rows = history.rows().stream().filter(r -> judged(history, r, model.subject())).toList();
        return evaluate(history, rows, model.subject(), model.model()::score, model.threshold());
    }

    /**
     * Scores every row; a subject scores its highest row (a member is flagged once any of its moments is),
     * and recall per scenario is over the subjects labelled with it.
     */
    static Evaluation evaluate(LabelledHistory history, List<FeatureRow> rows, String subject,
                               java.util.function.ToDoubleFunction<double[]> model, double threshold) {
        Map<String, Double> best = new TreeMap<>();
        for (FeatureRow row : rows) {
            best.merge(row.subjectId(), model.applyAsDouble(row.values()), Math::max);
        }
        double[] scores = new double[best.size()];
        int[] labels = new int[best.size()];
        Map<String, double[]> byScenario = new HashMap<>(); // scenario -> {caught, total}
        int i = 0;
        long frauds = 0;
        for (Map.Entry<String, Double> e : best.entrySet()) {
            String scenario = history.scenarioBySubject().get(LabelledHistory.key(subject, e.getKey()));
            scores[i] = e.getValue();
            labels[i] = scenario == null ? 0 : 1;
            if (scenario != null) {
                frauds++;
                double[] counts = byScenario.computeIfAbsent(scenario, s -> new double[2]);
                counts[1]++;
                if (e.getValue() >= threshold) {
                    counts[0]++;
                }
            }
            i++;
        }
        return new Evaluation(subject, best.size(), frauds, BinaryMetrics.auc(scores, labels),
                BinaryMetrics.averagePrecision(scores, labels), BinaryMetrics.atThreshold(scores, labels, threshold),
                byScenario, scores, labels);
    }
}
