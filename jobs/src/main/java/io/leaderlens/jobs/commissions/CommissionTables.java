package io.leaderlens.jobs.commissions;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;
import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.settlement.SettlementStatement;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.tables.TableSet;
import io.leaderlens.time.CalendarPeriod;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.iceberg.types.Types;

/**
 * Commissions' tables: the ledger and the published rates (written by the job), the rate card in force (recorded
 * when a job starts with it) and the settlements (settle).
 */
public final class CommissionTables implements TableSet, Serializable {
    private static final Types.DecimalType RATE = Types.DecimalType.of(9, 6);

    private final ZoneId zone;

    public CommissionTables(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone");
    }

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
                optional("reason", Types.StringType.get(), LedgerEntry::reason, "in words")), "day").sortedBy("beneficiary_leader_id");
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
                required("reasons", Types.StringType.get(), r -> r.rate().reasonText(), "why, in words a leader can be told")), null)
                .sortedBy("leader_id");
    }

    /** Every rate card version that was put in force, setting by setting. */
    public TableDefinition<RateCardRow> rateCard() {
        return new TableDefinition<>("rate_card", "the commission rate card versions in force: one row per setting", List.of(
                required("version", Types.StringType.get(), RateCardRow::version, null),
                required("valid_from", Types.TimestampType.withZone(), r -> Instant.ofEpochMilli(r.validFrom()), null),
                required("item", Types.StringType.get(), RateCardRow::item,
                        "base_rate, level_multiplier, level_min_net_gmv_30d_cents, second_tier_share, *_bonus_cents, commission_base, "
                                + "no_new_member_bonus_on, *_floor, *_cap"),
                required("subject", Types.StringType.get(), RateCardRow::subject, "category, level or discount kind it applies to; empty for the whole card"),
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
                required("event_time", Types.TimestampType.withZone(), i -> Instant.ofEpochMilli(i.entry().eventTime()), null)), null)
                .sortedBy("leader_id");
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
                required("settled_at", Types.TimestampType.withZone(), s -> Instant.ofEpochMilli(s.settledAt()), null)), null)
                .sortedBy("leader_id");
    }

    @Override
    public List<TableDefinition<?>> all() {
        return List.of(commissionLedger(), commissionRateChanges(), rateCard(), settlementItems(), settlementStatements());
    }
}
