package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FeatureSample;
import io.leaderlens.models.alerts.Explanations;
import io.leaderlens.models.alerts.Reason;
import io.leaderlens.models.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores signals with the current model of their subject. Model versions and thresholds arrive as broadcast
 * {@link ModelUpdate}s and apply from the next signal on, without restarting the job; each applied change
 * leaves on {@link #MODEL_CHANGES} for the audit trail.
 */
public final class ScoreSignals extends BroadcastProcessFunction<FraudSignal, ModelUpdate, FraudScore> {
    public static final MapStateDescriptor<String, ModelUpdate> CURRENT_MODELS =
            new MapStateDescriptor<>("current-models", Types.STRING, JobTypes.of(ModelUpdate.class));
    public static final OutputTag<ModelUpdate> MODEL_CHANGES = new OutputTag<>("model-changes") {};
    private static final int REASONS = 3;

    private final List<ModelUpdate> initial;
    private transient Map<String, ModelRegistry.Entry> loaded;
    /** per subject: the update last scored with, and its model (saves a lookup per row) */
    private transient Map<String, Current> lastScoredWith;

    private record Current(ModelUpdate update, ModelRegistry.Entry entry) {}

    /** @param initial the models to use until the first broadcast update for their subject */
    public ScoreSignals(List<ModelUpdate> initial) {
        this.initial = List.copyOf(initial);
    }

    @Override
    public void processElement(FraudSignal signal, ReadOnlyContext ctx, Collector<FraudScore> out) throws Exception {
        if (signal.violation() != null) {
            var v = signal.violation();
            out.collect(new FraudScore("leader", signal.leaderId(), signal.eventId(), signal.leaderId(), signal.eventTime(), 1.0,
                    1.0, "rule:" + v.rule(), true, List.of(v.description()), v.rule(), Double.NaN, null, 0));
            return;
        }
        FeatureRow row = signal.row();
        ModelUpdate current = current(ctx.getBroadcastState(CURRENT_MODELS), row.subject());
        ModelRegistry.Entry entry = modelFor(row.subject(), current);
        double score = entry.model().score(row.values());
        boolean flagged = score >= current.threshold();
        List<String> reasons = flagged
                ? Explanations.topReasons(entry.model(), row.values(), REASONS).stream().map(Reason::words).toList()
                : List.of();
        out.collect(new FraudScore(row.subject(), row.subjectId(), row.eventId(), row.leaderId(), row.eventTime(), score,
                current.threshold(), entry.versionName(), flagged, reasons, null,
                entry.anomaly().map(a -> a.score(row.values())).orElse(Double.NaN),
                FeatureSample.sampled(row.eventId()) ? FeatureSample.json(row.values()) : null, row.subsidyCents()));
    }

    /**
     * Applies an update once its model loads; an update naming a missing or incompatible model is recorded as
     * rejected and the current model stays (a bad update must not stop scoring).
     */
    @Override
    public void processBroadcastElement(ModelUpdate update, Context ctx, Collector<FraudScore> out) throws Exception {
        try {
            model(update);
        } catch (Exception | LinkageError e) {
            record(ctx, new ModelUpdate(update.subject(), update.registry(), update.version(), update.threshold(),
                    update.changedBy(), "REJECTED (" + e.getMessage() + "): " + update.reason(), update.changedAt()));
            return;
        }
        BroadcastState<String, ModelUpdate> models = ctx.getBroadcastState(CURRENT_MODELS);
        models.put(update.subject(), update);
        record(ctx, update);
    }

    /** Every parallel instance applies each update the same way; the first one alone writes the audit record. */
    private void record(Context ctx, ModelUpdate change) {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(MODEL_CHANGES, change);
        }
    }

    private ModelUpdate current(ReadOnlyBroadcastState<String, ModelUpdate> state, String subject) throws Exception {
        ModelUpdate update = state.get(subject);
        if (update != null) {
            return update;
        }
        return initial.stream().filter(u -> u.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no model for " + subject + " signals"));
    }

    private ModelRegistry.Entry modelFor(String subject, ModelUpdate current) throws Exception {
        if (lastScoredWith == null) {
            lastScoredWith = new HashMap<>();
        }
        Current last = lastScoredWith.get(subject);
        if (last == null || last.update() != current) {
            last = new Current(current, model(current));
            lastScoredWith.put(subject, last);
        }
        return last.entry();
    }

    private ModelRegistry.Entry model(ModelUpdate update) throws Exception {
        if (loaded == null) {
            loaded = new HashMap<>();
        }
        String key = update.registry() + "|" + update.subject() + "|" + update.version();
        ModelRegistry.Entry entry = loaded.get(key);
        if (entry == null) {
            entry = new ModelRegistry(Path.of(update.registry())).load(update.subject(), update.version());
            loaded.put(key, entry);
        }
        return entry;
    }
}
