package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.console.ProgressBar;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.smile.GradientBoostedTrees;
import io.leaderlens.models.training.AlertBudget;
import io.leaderlens.models.training.AlertThreshold;
import io.leaderlens.models.training.FraudTraining;
import io.leaderlens.models.training.LabelledHistory;
import io.leaderlens.simulator.Difficulty;
import io.leaderlens.simulator.SimulationOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fraud models of a registry: trained from labelled history (fake orders, fake members) and saved as new
 * versions, each recorded where the platform lists them (Iceberg {@code model_registry}). {@code train}, the demo,
 * the chaos run and the bench all get their models through here.
 */
public final class FraudModels {
    public static final List<String> SUBJECTS = List.of(FeatureRow.ORDER, FeatureRow.MEMBER);
    /** The history {@link #ensureTrained} simulates when the registry is empty: another seed than any run's. */
    private static final long HISTORY_SEED = 7;

    /** Where saved versions are listed ({@code model_registry}); a no-op when there is no catalog. */
    @FunctionalInterface
    public interface Recorder {
        void record(List<ModelRegistry.Entry> entries) throws Exception;
    }

    /** Each subject's model as trained (held-out evaluation included) and as saved. */
    public record Trained(LabelledHistory history, List<FraudTraining.Trained> models, List<ModelRegistry.Entry> saved) {}

    private final ModelRegistry registry;
    private final AlertBudget budget;
    private final Recorder recorder;
    private final Consumer<String> log;

    public FraudModels(ModelRegistry registry, AlertBudget budget, Recorder recorder, Consumer<String> log) {
        this.registry = requireNonNull(registry, "registry");
        this.budget = requireNonNull(budget, "budget");
        this.recorder = requireNonNull(recorder, "recorder");
        this.log = requireNonNull(log, "log");
    }

    /** Trains both models on the history in {@code in} (events.jsonl, labels.jsonl), saves and records them. */
    public Trained train(Path in, double trainShare, int trees) throws Exception {
        if (trainShare <= 0 || trainShare >= 1) {
            throw new IllegalArgumentException("the train share must be between 0 and 1, got " + trainShare);
        }
        FraudTraining training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(trees), budget);
        List<FraudTraining.Trained> trained = new ArrayList<>();
        List<ModelRegistry.Entry> saved = new ArrayList<>();
        LabelledHistory history;
        try (ProgressBar progress = new ProgressBar("train", 1 + SUBJECTS.size(), System.err)) {
            history = LabelledHistory.read(in);
            history.setAsideNote().ifPresent(log);
            progress.step(1);
            for (String subject : SUBJECTS) {
                FraudTraining.Trained t = training.train(history, subject, trainShare);
                trained.add(t);
                saved.add(registry.save(subject, t.model().model(), t.anomaly(), t.model().threshold(), metrics(t, budget), dataRange(history, t)));
                log.accept(summary(t, saved.get(saved.size() - 1)));
                progress.step(1);
            }
        }
        recorder.record(saved);
        return new Trained(history, trained, saved);
    }

    /**
     * The latest version of each model, recorded; when the registry has none yet, a history of a world of the given
     * difficulty is simulated into {@code historyDir} and the models are trained on it once.
     */
    public List<ModelRegistry.Entry> ensureTrained(Path historyDir, Difficulty difficulty) throws Exception {
        try {
            List<ModelRegistry.Entry> latest = latest();
            recorder.record(latest);
            return latest;
        } catch (IllegalStateException e) {
            log.accept(e.getMessage().split(":")[0] + ": training once");
        }
        log.accept("simulating training history (seed " + HISTORY_SEED + ", " + difficulty + " world) for the fraud models in " + historyDir);
        // hidden fraud takes more history to learn than fraud that gives itself away
        SimulationOptions history = difficulty == Difficulty.REALISTIC
                ? SimulationOptions.defaults(HISTORY_SEED, 300_000, 12) : SimulationOptions.defaults(HISTORY_SEED, 150_000, 6);
        Simulations.toFiles(history.withDifficulty(difficulty), historyDir);
        train(historyDir, 0.7, 150);
        return latest();
    }

    private List<ModelRegistry.Entry> latest() throws java.io.IOException {
        List<ModelRegistry.Entry> latest = new ArrayList<>();
        for (String subject : SUBJECTS) {
            latest.add(registry.latest(subject));
        }
        return latest;
    }

    /** One log line per trained model: how it did on the held-out subjects, at which threshold, within which budget. */
    static String summary(FraudTraining.Trained t, ModelRegistry.Entry saved) {
        FraudTraining.Evaluation e = t.holdout();
        AlertThreshold at = t.alertThreshold();
        return String.format(Locale.ROOT, "%s: held-out AUC %.4f, AP %.4f; at threshold %s%s precision %.3f, recall %.3f, %.1f alerts a day "
                        + "(budget %,d alerts over the %.1f held-out days); held-out score PSI %.3f; unsupervised anomaly score alone: AUC %.4f, AP %.4f",
                saved.versionName(), e.auc(), e.averagePrecision(),
                at.threshold() == AlertThreshold.NEVER ? "none (never alerts)" : String.format(Locale.ROOT, "%.4f", at.threshold()),
                t.calibrated() ? " (calibrated)" : " (not calibrated: see the report)", at.precision(), at.recall(), at.alertsPerDay(),
                at.maxAlerts(), at.days(), t.heldOutDrift().get("score"), t.anomalyHoldout().auc(), t.anomalyHoldout().averagePrecision())
                + t.unseen().stream().map(u -> String.format(Locale.ROOT, "; unseen scenario %s: %d of %d among the top %d anomalies, "
                        + "%d caught by the model", u.scenario(), u.amongTopAnomalies(), u.subjects(), u.topAnomalies(), u.caughtByModel()))
                        .collect(java.util.stream.Collectors.joining());
    }

    /** What the registry keeps of a training beside the model: held-out figures, calibration, budget, drift baseline. */
    public static Map<String, Object> metrics(FraudTraining.Trained t, AlertBudget budget) {
        FraudTraining.Evaluation e = t.holdout();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", e.auc());
        m.put("average_precision", e.averagePrecision());
        m.put("precision_at_threshold", e.atThreshold().precision());
        m.put("recall_at_threshold", e.atThreshold().recall());
        m.put("calibrated", t.calibrated());
        m.put("calibration_a", t.calibration().a());
        m.put("calibration_b", t.calibration().b());
        m.put("held_out_alerts_per_day", t.alertThreshold().alertsPerDay());
        m.put("budget_max_alerts", t.alertThreshold().maxAlerts());
        m.put("max_alert_rate", budget.maxAlertRate());
        m.put("review_capacity_per_day", budget.reviewCapacityPerDay());
        m.put("held_out_score_psi", t.heldOutDrift().get("score"));
        m.put("held_out_psi", t.heldOutDrift());
        m.put("score_bin_edges", java.util.Arrays.stream(t.scoreBaseline().edges()).boxed().toList());
        m.put("score_bin_shares", java.util.Arrays.stream(t.scoreBaseline().shares()).boxed().toList());
        Map<String, Object> featureEdges = new LinkedHashMap<>();
        Map<String, Object> featureShares = new LinkedHashMap<>();
        t.featureBaselines().forEach((feature, baseline) -> {
            featureEdges.put(feature, java.util.Arrays.stream(baseline.edges()).boxed().toList());
            featureShares.put(feature, java.util.Arrays.stream(baseline.shares()).boxed().toList());
        });
        m.put("feature_bin_edges", featureEdges);
        m.put("feature_bin_shares", featureShares);
        Map<String, Object> byScenario = new LinkedHashMap<>();
        e.recallByScenario().forEach((s, c) -> byScenario.put(s, c[0] / c[1]));
        m.put("recall_by_scenario", byScenario);
        m.put("held_out_busiest_day_alerts", t.alertThreshold().busiestDayAlerts());
        Map<String, Object> unseen = new LinkedHashMap<>();
        t.unseen().forEach(u -> unseen.put(u.scenario(), Map.of("subjects", u.subjects(), "caught_by_model", u.caughtByModel(),
                "among_top_anomalies", u.amongTopAnomalies(), "top_anomalies", u.topAnomalies())));
        m.put("unseen_scenarios", unseen);
        m.put("anomaly_auc", t.anomalyHoldout().auc());
        m.put("anomaly_average_precision", t.anomalyHoldout().averagePrecision());
        return m;
    }

    private static Map<String, Object> dataRange(LabelledHistory history, FraudTraining.Trained t) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("from", Instant.ofEpochMilli(history.firstEventTime()).toString());
        range.put("train_until", Instant.ofEpochMilli(t.splitTime()).toString());
        range.put("to", Instant.ofEpochMilli(history.lastEventTime()).toString());
        range.put("train_rows", t.trainRows());
        range.put("train_frauds", t.trainFrauds());
        range.put("refit_rows", t.refitRows());
        range.put("refit_frauds", t.refitFrauds());
        return range;
    }
}
