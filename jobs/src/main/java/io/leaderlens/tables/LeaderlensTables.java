package io.leaderlens.tables;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;
import static java.util.Objects.requireNonNull;

import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.LateEvent;
import io.leaderlens.jobs.fraudscoring.FraudAlert;
import io.leaderlens.jobs.fraudscoring.FraudScore;
import io.leaderlens.jobs.fraudscoring.ModelUpdate;
import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.settlement.SettlementStatement;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.metrics.LeaderboardEntry;
import io.leaderlens.time.CalendarPeriod;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Every Iceberg table leaderlens writes, in namespace {@code leaderlens}. */
public final class LeaderlensTables implements Serializable {
    private final ZoneId zone;

    public LeaderlensTables(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone");
    }

    public TableDefinition<LeaderMetrics> leaderMetricsMinute() {
        return new TableDefinition<>("leader_metrics_minute", "per leader per minute, platform time zone", metricColumns(), "day");
    }

    public TableDefinition<LeaderMetrics> leaderMetricsDaily() {
        return new TableDefinition<>("leader_metrics_daily", "per leader per day, platform time zone", metricColumns(), "day");
    }

    public TableDefinition<LeaderboardEntry> leaderboardHourly() {
        return new TableDefinition<>("leaderboard_hourly", "top-N leaders by net GMV per city per hour", leaderboardColumns(), "day");
    }

    public TableDefinition<LeaderboardEntry> leaderboardDaily() {
        return new TableDefinition<>("leaderboard_daily", "top-N leaders by net GMV per city per day", leaderboardColumns(), "day");
    }

    public TableDefinition<DeadLetter> deadLetters() {
        return new TableDefinition<>("dead_letters", "input that could not be used, with the reason and raw bytes", List.of(
                required("received_at", Types.TimestampType.withZone(), d -> Instant.ofEpochMilli(d.receivedAt()), "when the job saw it"),
                required("source", Types.StringType.get(), DeadLetter::source, "Kafka topic or file"),
                required("kafka_partition", Types.IntegerType.get(), DeadLetter::partition, null),
                required("kafka_offset", Types.LongType.get(), DeadLetter::offset, null),
                required("reason", Types.StringType.get(), DeadLetter::reason, "why it was refused"),
                required("payload", Types.BinaryType.get(), DeadLetter::payload, "the bytes as received")), null)
                .writtenByManyJobs(); // the leader metrics job (undecodable events) and the commission job (refused input)
    }

    public TableDefinition<LateEvent> lateEvents() {
        return new TableDefinition<>("late_events", "valid events that arrived after the out-of-orderness bound", List.of(
                required("event_id", Types.StringType.get(), LateEvent::eventId, null),
                required("kind", Types.StringType.get(), LateEvent::kind, "ORDER, GROUP_BUY or REFERRAL"),
                optional("leader_id", Types.StringType.get(), LateEvent::leaderId, null),
                required("event_time", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.eventTime()), null),
                required("watermark", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.watermark()), "watermark when it arrived"),
                required("lateness_ms", Types.LongType.get(), e -> e.watermark() - e.eventTime(), null),
                required("event_json", Types.StringType.get(), LateEvent::json, "the event in its JSON-lines form")), null);
    }

    /** Raw events of one kind: the Avro fields, times as timestamps, plus the local day. */
    public TableDefinition<PlatformEvent> rawEvents(EventKind kind) {
        List<Column<PlatformEvent>> columns = new ArrayList<>();
        for (Schema.Field field : kind.schema().getFields()) {
            int pos = field.pos();
            boolean isTime = field.name().equals("event_time") || field.name().equals("deadline");
            Schema schema = field.schema().isUnion()
                    ? field.schema().getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                    : field.schema();
            Type type = isTime ? Types.TimestampType.withZone() : icebergType(schema);
            Column.Getter<PlatformEvent> getter = isTime
                    ? e -> Instant.ofEpochMilli((Long) e.record().get(pos))
                    : e -> {
                        Object v = e.record().get(pos);
                        return v instanceof Enum<?> || v instanceof CharSequence ? v.toString() : v;
                    };
            columns.add(new Column<>(field.name(), type, field.schema().isNullable(), getter, field.doc()));
        }
        ZoneId z = zone;
        columns.add(required("day", Types.DateType.get(), e -> CalendarPeriod.localDate(e.eventTime(), z), "local day of event_time"));
        String table = switch (kind) {
            case ORDER -> "events_order";
            case GROUP_BUY -> "events_group_buy";
            case REFERRAL -> "events_referral";
        };
        return new TableDefinition<>(table, "raw " + kind.schema().getName() + "s, deduplicated, for training and audits", columns, "day");
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
                        "unsupervised isolation-forest score, higher is more unusual; not used for alerts")),
                "day");
    }

    public TableDefinition<FraudAlert> fraudAlerts() {
        ZoneId z = zone;
        return new TableDefinition<>("fraud_alerts", "one alert per leader and hour: flagged events grouped, with reasons and an action", List.of(
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
                required("subjects", Types.StringType.get(), a -> String.join(",", a.subjects()), "up to 20 flagged subjects, as <subject>:<id>")), "day");
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
                optional("trained_until", Types.TimestampType.withZone(), e -> range(e, "train_until"), "time split: later events held out"),
                optional("trained_to", Types.TimestampType.withZone(), e -> range(e, "to"), "last event of the history"),
                required("created_at", Types.TimestampType.withZone(), e -> Instant.parse((String) e.metadata().get("created_at")), null),
                required("artefact_dir", Types.StringType.get(), e -> String.valueOf(e.metadata().getOrDefault("artefact_dir", "")),
                        "where the artefact files are")), null);
    }

    private static final Types.DecimalType RATE = Types.DecimalType.of(9, 6);

    /** Every movement of every commission cent (double entry: a transition is a pair summing to zero). */
    public TableDefinition<LedgerEntry> commissionLedger() {
        ZoneId z = zone;
        return new TableDefinition<>("commission_ledger", "append-only commission ledger: cents moved into (+) or out of (-) a bucket "
                + "for one commission line; a bucket's balance is the sum of its entries", List.of(
                required("entry_id", Types.StringType.get(), LedgerEntry::entryId, "<line id>#<movement>"),
                required("line_id", Types.StringType.get(), LedgerEntry::lineId, "<kind>:<order or group>:<beneficiary>"),
                required("kind", Types.StringType.get(), LedgerEntry::kind, "TIER1, TIER2, NEW_MEMBER_BONUS, GROUP_OPENING_BONUS"),
                required("beneficiary_leader_id", Types.StringType.get(), LedgerEntry::beneficiary, "whose cents"),
                required("selling_leader_id", Types.StringType.get(), LedgerEntry::sellingLeader, "whose order or group earned them"),
                required("source_id", Types.StringType.get(), LedgerEntry::sourceId, "order id (group id for the group bonus)"),
                optional("category", Types.StringType.get(), LedgerEntry::category, null),
                required("base_cents", Types.LongType.get(), LedgerEntry::baseCents, "what the rate applied to"),
                optional("rate", RATE, LedgerEntry::rate, "rate applied; null for fixed bonuses"),
                optional("rate_id", Types.StringType.get(), LedgerEntry::rateId, "the published rate it was paid at: commission_rates.rate_id"),
                optional("rate_card_version", Types.StringType.get(), LedgerEntry::rateCardVersion, null),
                required("bucket", Types.StringType.get(), LedgerEntry::bucket,
                        "PENDING, FROZEN, CREDITED, HELD, CLAWED_BACK, REVERSED, VOIDED"),
                required("amount_cents", Types.LongType.get(), LedgerEntry::amountCents, "signed: into (+) or out of (-) the bucket"),
                required("event_time", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.eventTime()), "when it happened"),
                required("day", Types.DateType.get(), e -> CalendarPeriod.localDate(e.eventTime(), z), null),
                required("cause", Types.StringType.get(), LedgerEntry::cause,
                        "PAID, CONFIRMED, WINDOW_PASSED, REFUNDED, GROUP_FORMED, GROUP_FAILED, ALERT_OPENED, ALERT_RELEASED, ALERT_REVERSED"),
                optional("reason", Types.StringType.get(), LedgerEntry::reason, "in words")), "day");
    }

    /** Every published change of a leader's effective rate in a category; the view commission_rates adds valid_to. */
    public TableDefinition<PublishedRate> commissionRateChanges() {
        return new TableDefinition<>("commission_rate_changes", "effective commission rates as published to the commission-rates feed, "
                + "with their components and reasons", List.of(
                required("leader_id", Types.StringType.get(), r -> r.rate().leaderId(), null),
                required("category", Types.StringType.get(), r -> r.rate().category(), null),
                required("valid_from", Types.TimestampType.withZone(), r -> Instant.ofEpochMilli(r.validFrom()), null),
                required("version", Types.IntegerType.get(), PublishedRate::version, "counts this leader's rates in this category"),
                required("rate_id", Types.StringType.get(), PublishedRate::rateId, "<leader>|<category>#<version>"),
                required("rate", RATE, r -> r.rate().rate(), "base × level × performance × risk, clamped to the card's floor and cap"),
                required("base_rate", RATE, r -> r.rate().baseRate(), null),
                required("level", Types.StringType.get(), r -> r.rate().level(), null),
                required("level_multiplier", RATE, r -> r.rate().levelMultiplier(), null),
                required("performance_factor", RATE, r -> r.rate().performanceFactor(), null),
                required("risk_factor", RATE, r -> r.rate().riskFactor(), null),
                required("rate_card_version", Types.StringType.get(), r -> r.rate().rateCardVersion(), null),
                required("reason_codes", Types.StringType.get(), r -> String.join(",", r.rate().reasonCodes()), null),
                required("reasons", Types.StringType.get(), r -> r.rate().reasonText(), "why, in words a leader can be told")), null);
    }

    /** Every rate card version that was put in force, setting by setting. */
    public TableDefinition<RateCardRow> rateCard() {
        return new TableDefinition<>("rate_card", "the commission rate card versions in force: one row per setting", List.of(
                required("version", Types.StringType.get(), RateCardRow::version, null),
                required("valid_from", Types.TimestampType.withZone(), r -> Instant.ofEpochMilli(r.validFrom()), null),
                required("item", Types.StringType.get(), RateCardRow::item,
                        "base_rate, level_multiplier, level_min_net_gmv_30d_cents, second_tier_share, *_bonus_cents, *_floor, *_cap"),
                required("subject", Types.StringType.get(), RateCardRow::subject, "category or level it applies to; empty for the whole card"),
                required("value", Types.StringType.get(), RateCardRow::value, "exact value: a fraction, multiplier or whole cents"),
                required("recorded_at", Types.TimestampType.withZone(), r -> Instant.ofEpochMilli(r.recordedAt()), null)), null);
    }

    /** Which ledger entries each statement paid: an entry is settled once. */
    public TableDefinition<SettlementItemRow> settlementItems() {
        return new TableDefinition<>("settlement_items", "the credited ledger entries each settlement statement covers, once each", List.of(
                required("period", Types.StringType.get(), SettlementItemRow::period, "2026-W47 or 2026-11"),
                required("leader_id", Types.StringType.get(), i -> i.entry().leaderId(), null),
                required("entry_id", Types.StringType.get(), i -> i.entry().entryId(), null),
                required("kind", Types.StringType.get(), i -> i.entry().kind(), null),
                required("amount_cents", Types.LongType.get(), i -> i.entry().amountCents(), null),
                required("event_time", Types.TimestampType.withZone(), i -> Instant.ofEpochMilli(i.entry().eventTime()), null)), null);
    }

    public TableDefinition<SettlementStatement> settlementStatements() {
        return new TableDefinition<>("settlement_statements", "per leader and period: credited commission by kind, adjustments, payout", List.of(
                required("period", Types.StringType.get(), SettlementStatement::period, null),
                required("leader_id", Types.StringType.get(), SettlementStatement::leaderId, null),
                required("tier1_cents", Types.LongType.get(), SettlementStatement::tier1Cents, "own sales"),
                required("tier2_cents", Types.LongType.get(), SettlementStatement::tier2Cents, "second tier on recruited leaders' sales"),
                required("bonus_cents", Types.LongType.get(), SettlementStatement::bonusCents, "new-member and group-opening bonuses"),
                required("adjustment_cents", Types.LongType.get(), SettlementStatement::adjustmentCents,
                        "refunds taking back commission credited earlier (negative)"),
                required("payout_cents", Types.LongType.get(), SettlementStatement::payoutCents, "the sum of the above"),
                required("entries", Types.IntegerType.get(), SettlementStatement::entries, "ledger entries covered"),
                required("period_start", Types.TimestampType.withZone(), s -> Instant.ofEpochMilli(s.periodStart()), null),
                required("period_end", Types.TimestampType.withZone(), s -> Instant.ofEpochMilli(s.periodEnd()), null),
                required("settled_at", Types.TimestampType.withZone(), s -> Instant.ofEpochMilli(s.settledAt()), null)), null);
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

    @SuppressWarnings("unchecked")
    private static List<String> features(ModelRegistry.Entry e) {
        return (List<String>) e.metadata().get("features");
    }

    private static Double metric(ModelRegistry.Entry e, String name) {
        return e.metadata().get("metrics") instanceof java.util.Map<?, ?> m && m.get(name) instanceof Number n ? n.doubleValue() : null;
    }

    private static Instant range(ModelRegistry.Entry e, String name) {
        return e.metadata().get("training_data") instanceof java.util.Map<?, ?> m && m.get(name) instanceof String s ? Instant.parse(s) : null;
    }

    public List<TableDefinition<?>> all() {
        List<TableDefinition<?>> all = new ArrayList<>(List.of(leaderMetricsMinute(), leaderMetricsDaily(), leaderboardHourly(),
                leaderboardDaily(), deadLetters(), lateEvents(), scores("order"), scores("member"), fraudAlerts(), modelChanges(),
                modelRegistry(), fraudLabels(), rateCard(), commissionLedger(), commissionRateChanges(), settlementItems(),
                settlementStatements()));
        for (EventKind kind : EventKind.values()) {
            all.add(rawEvents(kind));
        }
        return all;
    }

    /**
     * Creates the namespace and every table that does not exist yet; an existing table gains the optional
     * columns added to its definition since (schema evolution), and keeps its data.
     */
    public void createMissing(Catalog catalog) {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(TableDefinition.NAMESPACE)) {
            namespaces.createNamespace(TableDefinition.NAMESPACE);
        }
        for (TableDefinition<?> table : all()) {
            if (!catalog.tableExists(table.identifier())) {
                Map<String, String> properties = new HashMap<>(table.properties());
                properties.putAll(table.writeProperties());
                catalog.createTable(table.identifier(), table.schema(), table.partitionSpec(), properties);
            } else {
                org.apache.iceberg.Table existing = catalog.loadTable(table.identifier());
                addMissingColumns(existing, table);
                followWriteProperties(existing, table);
            }
        }
    }

    private static void followWriteProperties(org.apache.iceberg.Table existing, TableDefinition<?> definition) {
        Map<String, String> wanted = definition.writeProperties();
        if (!existing.properties().entrySet().containsAll(wanted.entrySet())) {
            org.apache.iceberg.UpdateProperties update = existing.updateProperties();
            wanted.forEach(update::set);
            update.commit();
        }
    }

    /** New optional columns only: a required column cannot be added to rows already written. */
    private static void addMissingColumns(org.apache.iceberg.Table existing, TableDefinition<?> definition) {
        org.apache.iceberg.UpdateSchema update = existing.updateSchema();
        boolean changed = false;
        for (Column<?> column : definition.columns()) {
            if (existing.schema().findField(column.name()) == null) {
                if (!column.optional()) {
                    throw new IllegalStateException("table " + definition.name() + " lacks required column " + column.name()
                            + ": it cannot be added to existing rows; recreate the table (./leaderlens demo does) or make it optional");
                }
                update.addColumn(column.name(), column.type(), column.doc());
                changed = true;
            }
        }
        if (changed) {
            update.commit();
        }
    }

    private static Type icebergType(Schema schema) {
        return switch (schema.getType()) {
            case STRING, ENUM -> Types.StringType.get();
            case LONG -> Types.LongType.get();
            case INT -> Types.IntegerType.get();
            case BOOLEAN -> Types.BooleanType.get();
            default -> throw new IllegalArgumentException("no Iceberg mapping for Avro " + schema.getType());
        };
    }

    private static List<Column<LeaderMetrics>> metricColumns() {
        Types.LongType bigint = Types.LongType.get();
        Types.DoubleType ratio = Types.DoubleType.get();
        return List.of(
                required("leader_id", Types.StringType.get(), LeaderMetrics::leaderId, null),
                required("city", Types.StringType.get(), LeaderMetrics::city, null),
                required("day", Types.DateType.get(), LeaderMetrics::day, "local day of the period"),
                required("period_start", Types.TimestampType.withZone(), m -> Instant.ofEpochMilli(m.periodStart()), null),
                required("period_end", Types.TimestampType.withZone(), m -> Instant.ofEpochMilli(m.periodEnd()), "exclusive"),
                required("gross_gmv_cents", bigint, LeaderMetrics::grossGmvCents, "sum of PAID amounts"),
                required("refund_cents", bigint, LeaderMetrics::refundCents, "sum of REFUNDED amounts"),
                required("net_gmv_cents", bigint, LeaderMetrics::netGmvCents, "gross minus refunds"),
                required("orders", bigint, LeaderMetrics::orders, "PAID events"),
                required("buyers", bigint, LeaderMetrics::buyers, "distinct paying users"),
                required("new_members", bigint, LeaderMetrics::newMembers, "distinct users bound by SIGNED_UP"),
                required("groups_opened", bigint, LeaderMetrics::groupsOpened, null),
                required("groups_formed", bigint, LeaderMetrics::groupsFormed, null),
                required("groups_failed", bigint, LeaderMetrics::groupsFailed, null),
                optional("formation_rate", ratio, LeaderMetrics::formationRate, "formed / (formed + failed); null when none ended"),
                required("shares", bigint, LeaderMetrics::shares, "POSTER_SHARED"),
                required("scans", bigint, LeaderMetrics::scans, "SCANNED"),
                required("signups", bigint, LeaderMetrics::signups, "SIGNED_UP through a poster"),
                required("first_orders", bigint, LeaderMetrics::firstOrders, "members' first PAID order with the leader (or first after 30 days without one)"),
                optional("scan_rate", ratio, LeaderMetrics::scanRate, "scans / shares"),
                optional("signup_rate", ratio, LeaderMetrics::signupRate, "signups / scans"),
                optional("first_order_rate", ratio, LeaderMetrics::firstOrderRate, "first_orders / signups"));
    }

    private static List<Column<LeaderboardEntry>> leaderboardColumns() {
        return List.of(
                required("city", Types.StringType.get(), LeaderboardEntry::city, null),
                required("day", Types.DateType.get(), LeaderboardEntry::day, null),
                required("period_start", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.periodStart()), null),
                required("period_end", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.periodEnd()), null),
                required("rank", Types.IntegerType.get(), LeaderboardEntry::rank, "1 is the best"),
                required("leader_id", Types.StringType.get(), LeaderboardEntry::leaderId, null),
                required("net_gmv_cents", Types.LongType.get(), LeaderboardEntry::netGmvCents, null),
                required("orders", Types.LongType.get(), LeaderboardEntry::orders, null),
                required("buyers", Types.LongType.get(), LeaderboardEntry::buyers, null));
    }
}
