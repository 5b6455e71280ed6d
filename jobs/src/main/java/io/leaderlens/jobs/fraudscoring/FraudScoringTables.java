package io.leaderlens.jobs.fraudscoring;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;
import static java.util.Objects.requireNonNull;

import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.tables.Column;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.tables.TableSet;
import io.leaderlens.time.CalendarPeriod;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.iceberg.types.Types;

/**
 * Fraud scoring's tables: scores, alerts and model changes (written by the job), the model registry (train,
 * promote) and the known outcomes (label).
 */
public final class FraudScoringTables implements TableSet, Serializable {
    private final ZoneId zone;

    public FraudScoringTables(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone");
    }

    /** Every score of one subject ({@code order} or {@code member}): {@code order_scores}, {@code member_scores}. */
    public TableDefinition<FraudScore> scores(String subject) {
        ZoneId z = zone;
        return new TableDefinition<>(subject + "_scores", "every " + subject + " scored by the fraud models, with the version", List.of(
                required("subject_id", Types.StringType.get(), FraudScore::subjectId, subject + " id"),
                required("event_id", Types.StringType.get(), FraudScore::eventId, "the event that was scored"),
                required("leader_id", Types.StringType.get(), FraudScore::leaderId, null),
                required("event_time", Types.TimestampType.withZone(), s -> Instant.ofEpochMilli(s.eventTime()), null),
                required("day", Types.DateType.get(), s -> CalendarPeriod.localDate(s.eventTime(), z), null),
                required("score", Types.DoubleType.get(), FraudScore::score, "0..1, higher is more likely fraud"),
                required("threshold", Types.DoubleType.get(), FraudScore::threshold, "alert threshold in force"),
                required("flagged", Types.BooleanType.get(), FraudScore::flagged, "score >= threshold"),
                required("model_version", Types.StringType.get(), FraudScore::modelVersion, null),
                required("reasons", Types.StringType.get(), s -> String.join(" | ", s.reasons()), "top reasons in words, flagged only"),
                optional("anomaly_score", Types.DoubleType.get(), s -> Double.isNaN(s.anomalyScore()) ? null : s.anomalyScore(),
                        "unsupervised isolation-forest score, higher is more unusual; not used for alerts"),
                optional("feature_sample", Types.StringType.get(), FraudScore::featureSample,
                        "JSON object of every feature's value, on a fixed sample of the rows (FeatureSample): "
                                + "what v_feature_drift_daily reads")),
                "day").sortedBy("leader_id");
    }

    /** Closed alerts only: one row per alert, with its final figures. */
    public TableDefinition<FraudAlert> fraudAlerts() {
        return new TableDefinition<>("fraud_alerts", "one alert per leader and hour, as it closed: flagged events grouped, with reasons "
                + "and an action (open alerts: fraud_alert_changes, v_fraud_alerts_live)", alertColumns(false), "day").sortedBy("leader_id");
    }

    /** Every change of every alert (OPEN, UPDATED, CLOSED), as on the fraud-alerts topic. */
    public TableDefinition<FraudAlert> fraudAlertChanges() {
        return new TableDefinition<>("fraud_alert_changes", "every change of an alert as it happened: OPEN at its first flagged event, "
                + "UPDATED as more join, CLOSED when its hour ends; the highest revision of an alert id is its state", alertColumns(true), "day")
                .sortedBy("leader_id");
    }

    private List<Column<FraudAlert>> alertColumns(boolean changes) {
        ZoneId z = zone;
        List<Column<FraudAlert>> columns = new java.util.ArrayList<>(List.of(
                required("alert_id", Types.StringType.get(), FraudAlert::alertId, "leader@period start"),
                required("leader_id", Types.StringType.get(), FraudAlert::leaderId, null),
                required("period_start", Types.TimestampType.withZone(), a -> Instant.ofEpochMilli(a.periodStart()), null),
                required("period_end", Types.TimestampType.withZone(), a -> Instant.ofEpochMilli(a.periodEnd()), null),
                required("day", Types.DateType.get(), a -> CalendarPeriod.localDate(a.periodStart(), z), null),
                required("flagged_events", Types.LongType.get(), FraudAlert::count, "how many flagged events it groups"),
                required("max_score", Types.DoubleType.get(), FraudAlert::maxScore, null),
                optional("model_version", Types.StringType.get(), FraudAlert::modelVersion, "or rule:<RULE>"),
                required("reasons", Types.StringType.get(), a -> String.join(" | ", a.reasons()), "most frequent reasons, with counts"),
                required("action", Types.StringType.get(), FraudAlert::action, "REVIEW, HOLD_COMMISSION or BLOCK"),
                required("rule_violation", Types.BooleanType.get(), FraudAlert::ruleViolation, "a hard rule (referral loop, self-referral) fired"),
                required("subjects", Types.StringType.get(), a -> String.join(",", a.subjects()), "up to 20 flagged subjects, as <subject>:<id>"),
                optional("opened_at", Types.TimestampType.withZone(), a -> Instant.ofEpochMilli(a.openedAt()),
                        "event time of its first flagged event"),
                optional("subsidy_at_risk_cents", Types.LongType.get(), FraudAlert::subsidyAtRiskCents,
                        "discounts and points of its flagged payments, each once (coupon farming shows here)")));
        if (changes) {
            columns.addAll(List.of(
                    required("status", Types.StringType.get(), FraudAlert::status, "OPEN, UPDATED or CLOSED"),
                    required("revision", Types.IntegerType.get(), FraudAlert::revision, "1 at OPEN, one more per change"),
                    required("changed_at", Types.TimestampType.withZone(), a -> Instant.ofEpochMilli(a.changedAt()),
                            "event time of the change: the flagged event that made it, or the period end for CLOSED"),
                    optional("previous_action", Types.StringType.get(), FraudAlert::previousAction, "the action before this change; null at OPEN")));
        }
        return columns;
    }

    public TableDefinition<ModelUpdate> modelChanges() {
        return new TableDefinition<>("model_changes", "every model or threshold change the scoring job received: who, when, what", List.of(
                required("changed_at", Types.TimestampType.withZone(), u -> Instant.ofEpochMilli(u.changedAt()), null),
                required("changed_by", Types.StringType.get(), ModelUpdate::changedBy, null),
                required("subject", Types.StringType.get(), ModelUpdate::subject, null),
                required("version", Types.IntegerType.get(), ModelUpdate::version, null),
                required("threshold", Types.DoubleType.get(), ModelUpdate::threshold, null),
                required("registry", Types.StringType.get(), ModelUpdate::registry, null),
                optional("reason", Types.StringType.get(), ModelUpdate::reason, "REJECTED (...) when it could not be applied")), null);
    }

    /** One row per saved model version: what it is, what it was trained on, how it measured. */
    public TableDefinition<ModelRegistry.Entry> modelRegistry() {
        return new TableDefinition<>("model_registry", "every fraud model version saved by ./leaderlens train: artefact, features, "
                + "threshold, held-out metrics, training data range", List.of(
                required("subject", Types.StringType.get(), ModelRegistry.Entry::subject, "order or member"),
                required("version", Types.IntegerType.get(), ModelRegistry.Entry::version, null),
                required("version_name", Types.StringType.get(), ModelRegistry.Entry::versionName, "as in the score tables' model_version"),
                required("model_class", Types.StringType.get(), e -> e.metadata().get("model_class"), null),
                optional("anomaly_class", Types.StringType.get(), e -> e.metadata().get("anomaly_class"), "unsupervised detector saved beside it"),
                required("feature_hash", Types.StringType.get(), e -> e.metadata().get("feature_hash"), "SHA-256 of the feature list"),
                required("features", Types.StringType.get(), e -> String.join(",", features(e)), null),
                required("threshold", Types.DoubleType.get(), ModelRegistry.Entry::threshold, "alert threshold saved with it"),
                optional("auc", Types.DoubleType.get(), e -> metric(e, "auc"), "held-out"),
                optional("average_precision", Types.DoubleType.get(), e -> metric(e, "average_precision"), "held-out"),
                optional("precision_at_threshold", Types.DoubleType.get(), e -> metric(e, "precision_at_threshold"), "held-out"),
                optional("recall_at_threshold", Types.DoubleType.get(), e -> metric(e, "recall_at_threshold"), "held-out"),
                optional("anomaly_auc", Types.DoubleType.get(), e -> metric(e, "anomaly_auc"), "held-out, anomaly score alone"),
                optional("trained_from", Types.TimestampType.withZone(), e -> range(e, "from"), "first event of the history"),
                optional("trained_until", Types.TimestampType.withZone(), e -> range(e, "train_until"),
                        "the split: subjects first scored from then on were held out"),
                optional("trained_to", Types.TimestampType.withZone(), e -> range(e, "to"), "last event of the history"),
                required("created_at", Types.TimestampType.withZone(), e -> Instant.parse((String) e.metadata().get("created_at")), null),
                required("artefact_dir", Types.StringType.get(), e -> String.valueOf(e.metadata().getOrDefault("artefact_dir", "")),
                        "where the artefact files are"),
                // added later: at the end, where evolving an existing table puts them
                optional("max_alert_rate", Types.DoubleType.get(), e -> metric(e, "max_alert_rate"),
                        "alert budget the threshold was chosen in: share of scored subjects"),
                optional("review_capacity_per_day", Types.DoubleType.get(), e -> metric(e, "review_capacity_per_day"),
                        "alert budget: alerts a day"),
                optional("held_out_score_psi", Types.DoubleType.get(), e -> metric(e, "held_out_score_psi"),
                        "population stability of the held-out period's scores against the training period's"),
                optional("score_bin_edges", Types.StringType.get(), e -> jsonMetric(e, "score_bin_edges"),
                        "JSON array: decile edges of the held-out scores, the baseline of v_score_drift_daily"),
                optional("score_bin_shares", Types.StringType.get(), e -> jsonMetric(e, "score_bin_shares"),
                        "JSON array: the held-out subjects' share in each bin (one more than edges)"),
                optional("feature_bin_edges", Types.StringType.get(), e -> jsonMetric(e, "feature_bin_edges"),
                        "JSON object: for each feature the drift watches, decile edges of its held-out values (v_feature_drift_daily)"),
                optional("feature_bin_shares", Types.StringType.get(), e -> jsonMetric(e, "feature_bin_shares"),
                        "JSON object: for each of those features, the held-out rows' share in each bin")), null);
    }

    /** Known fraud outcomes, loaded by ./leaderlens label: the risk views measure past alerts against them. */
    public TableDefinition<FraudLabelRow> fraudLabels() {
        return new TableDefinition<>("fraud_labels", "known fraud outcomes per subject: scenario, since when, from which source", List.of(
                required("subject", Types.StringType.get(), FraudLabelRow::subject, "order, member or leader"),
                required("subject_id", Types.StringType.get(), FraudLabelRow::subjectId, null),
                required("scenario", Types.StringType.get(), FraudLabelRow::scenario, "which fraud"),
                required("labelled_at", Types.TimestampType.withZone(), l -> Instant.ofEpochMilli(l.labelledAt()), "when the fraud began"),
                required("source", Types.StringType.get(), FraudLabelRow::source, "case review, chargeback, simulator, ...")), null);
    }

    @Override
    public List<TableDefinition<?>> all() {
        return List.of(scores("order"), scores("member"), fraudAlerts(), fraudAlertChanges(), modelChanges(), modelRegistry(), fraudLabels());
    }

    @SuppressWarnings("unchecked")
    private static List<String> features(ModelRegistry.Entry e) {
        return (List<String>) e.metadata().get("features");
    }

    private static Double metric(ModelRegistry.Entry e, String name) {
        return e.metadata().get("metrics") instanceof java.util.Map<?, ?> m && m.get(name) instanceof Number n ? n.doubleValue() : null;
    }

    private static String jsonMetric(ModelRegistry.Entry e, String name) {
        if (!(e.metadata().get("metrics") instanceof java.util.Map<?, ?> m) || m.get(name) == null) {
            return null;
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m.get(name));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("metric " + name + " of " + e.versionName() + " is not JSON", ex);
        }
    }

    private static Instant range(ModelRegistry.Entry e, String name) {
        return e.metadata().get("training_data") instanceof java.util.Map<?, ?> m && m.get(name) instanceof String s ? Instant.parse(s) : null;
    }
}
