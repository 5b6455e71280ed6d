package io.leaderlens.services;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ledger.LineKind;
import io.leaderlens.commissions.settlement.CreditedEntry;
import io.leaderlens.commissions.settlement.Settlement;
import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.commissions.settlement.SettlementStatement;
import io.leaderlens.jobs.commissions.CommissionTables;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.AtomicAppend;
import io.leaderlens.jobs.commissions.SettlementItemRow;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Settles a period: one statement per leader covering every credited ledger entry up to the period's end that no
 * earlier statement covered. A period's items and statements land in one multi-table Iceberg commit tagged with
 * the settlement run, so a run killed half way leaves the period unsettled (never half settled), and running it
 * again settles it once. Periods are settled in order.
 */
public final class SettlementService {
    /** Snapshot summary properties of a settlement commit. */
    public static final String RUN_PROPERTY = "leaderlens.settlement-run";
    public static final String PERIOD_PROPERTY = "leaderlens.settlement-period";

    /** What a settlement did. */
    public record Summary(String period, boolean alreadySettled, int statements, long payoutCents, long adjustmentCents) {}

    /** A period that may not be settled yet; the message says why and what to do. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Trino trino;
    private final Consumer<Consumer<Catalog>> withCatalog;
    private final CommissionTables tables;
    private final ZoneId zone;
    private final Consumer<String> log;

    /** @param withCatalog runs an action on an open catalog and closes it again ({@code IcebergCatalogs.withCatalog}) */
    public SettlementService(Trino trino, Consumer<Consumer<Catalog>> withCatalog, CommissionTables tables, ZoneId zone, Consumer<String> log) {
        this.trino = requireNonNull(trino, "trino");
        this.withCatalog = requireNonNull(withCatalog, "withCatalog");
        this.tables = requireNonNull(tables, "tables");
        this.zone = requireNonNull(zone, "zone");
        this.log = requireNonNull(log, "log");
    }

    public Summary settle(SettlementPeriod period, long settledAt) throws SQLException {
        List<String> done = statementTotals(period);
        if (Long.parseLong(done.get(0)) > 0) {
            return new Summary(period.name(), true, Integer.parseInt(done.get(0)), Long.parseLong(done.get(1)), Long.parseLong(done.get(2)));
        }
        refuseIfThePreviousPeriodIsOpen(period);
        List<CreditedEntry> entries = new ArrayList<>();
        for (List<String> row : trino.query("SELECT l.entry_id, l.beneficiary_leader_id, l.kind, l.amount_cents, "
                + "date_diff('millisecond', from_unixtime(0), l.event_time) FROM iceberg.leaderlens.commission_ledger l "
                + "WHERE l.bucket = 'CREDITED' AND l.event_time < " + timestamp(period.endMillis(zone)) + " AND " + notSettled("l")).rows()) {
            entries.add(new CreditedEntry(row.get(0), row.get(1), LineKind.valueOf(row.get(2)), Long.parseLong(row.get(3)),
                    Long.parseLong(row.get(4))));
        }
        Settlement.Result result = Settlement.settle(period, zone, entries, settledAt);
        if (result.statements().isEmpty()) {
            return new Summary(period.name(), false, 0, 0, 0);
        }
        List<SettlementItemRow> items = new ArrayList<>();
        result.itemsByLeader().values().forEach(list -> list.forEach(e -> items.add(new SettlementItemRow(period.name(), e))));
        String run = UUID.randomUUID().toString();
        log.accept("settling " + period.name() + " (run " + run + "): committing " + items.size() + " items and "
                + result.statements().size() + " statements in one commit");
        AtomicAppend append = new AtomicAppend(Map.of(RUN_PROPERTY, run, PERIOD_PROPERTY, period.name()))
                .add(tables.settlementItems(), items)
                .add(tables.settlementStatements(), result.statements());
        try {
            withCatalog.accept(append::commit);
        } catch (CommitFailedException e) {
            throw new IllegalStateException("settling " + period.name() + " raced another writer of the settlement tables (" + e.getMessage()
                    + "); run it again: a period settled meanwhile is reported as settled", e);
        }
        List<String> check = trino.query("SELECT (SELECT coalesce(sum(payout_cents), 0) FROM iceberg.leaderlens.settlement_statements "
                + "WHERE period = " + literal(period) + "), (SELECT coalesce(sum(amount_cents), 0) FROM iceberg.leaderlens.settlement_items "
                + "WHERE period = " + literal(period) + ")").rows().get(0);
        if (!check.get(0).equals(check.get(1))) {
            throw new IllegalStateException("settlement " + period.name() + " does not reconcile: statements pay " + check.get(0)
                    + " cents, its ledger entries sum to " + check.get(1));
        }
        long payout = result.statements().stream().mapToLong(SettlementStatement::payoutCents).sum();
        long adjustments = result.statements().stream().mapToLong(SettlementStatement::adjustmentCents).sum();
        return new Summary(period.name(), false, result.statements().size(), payout, adjustments);
    }

    /**
     * Settling a period sweeps in every earlier credited entry no statement covered, so settling it while the
     * period before still has its own entries open would pay them under the wrong period.
     */
    private void refuseIfThePreviousPeriodIsOpen(SettlementPeriod period) throws SQLException {
        SettlementPeriod previous = period.previous();
        if (Long.parseLong(statementTotals(previous).get(0)) > 0) {
            return;
        }
        long open = Long.parseLong(trino.query("SELECT count(*) FROM iceberg.leaderlens.commission_ledger l WHERE l.bucket = 'CREDITED' "
                + "AND l.event_time >= " + timestamp(previous.startMillis(zone)) + " AND l.event_time < " + timestamp(previous.endMillis(zone))
                + " AND " + notSettled("l")).rows().get(0).get(0));
        if (open > 0) {
            throw new Refused("settle " + previous.name() + " first: it has " + open + " credited ledger entries no statement covers, "
                    + "and settling " + period.name() + " before it would pay them under " + period.name());
        }
    }

    private List<String> statementTotals(SettlementPeriod period) throws SQLException {
        return trino.query("SELECT count(*), coalesce(sum(payout_cents), 0), coalesce(sum(adjustment_cents), 0) "
                + "FROM iceberg.leaderlens.settlement_statements WHERE period = " + literal(period)).rows().get(0);
    }

    private static String notSettled(String ledgerAlias) {
        return "NOT EXISTS (SELECT 1 FROM iceberg.leaderlens.settlement_items i WHERE i.entry_id = " + ledgerAlias + ".entry_id)";
    }

    private static String literal(SettlementPeriod period) {
        return "'" + period.name() + "'"; // names are validated by SettlementPeriod.parse: digits, '-' and 'W'
    }

    private static String timestamp(long epochMillis) {
        return "from_iso8601_timestamp_nanos('" + Instant.ofEpochMilli(epochMillis) + "')";
    }
}
