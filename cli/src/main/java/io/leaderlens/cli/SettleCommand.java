package io.leaderlens.cli;

import io.leaderlens.commissions.ledger.LineKind;
import io.leaderlens.commissions.settlement.CreditedEntry;
import io.leaderlens.commissions.settlement.Settlement;
import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.commissions.settlement.SettlementStatement;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.tables.LeaderlensTables;
import io.leaderlens.tables.SettlementItemRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "settle", mixinStandardHelpOptions = true,
        description = "Settle a period (a week like 2026-W47 or a month like 2026-11): one statement per leader in Iceberg "
                + "settlement_statements, covering every credited ledger entry up to the period's end that no earlier statement "
                + "covered (a clawback of commission paid earlier is an adjustment). Re-running a settled period changes nothing. "
                + "Settle periods in order, after they end.")
public final class SettleCommand implements Callable<Integer> {
    /** What a settlement did. */
    public record Summary(String period, boolean alreadySettled, int statements, long payoutCents, long adjustmentCents) {}

    @Mixin
    CliContext context;

    @Option(names = "--period", required = true, description = "2026-W47 (ISO week, Monday to Sunday) or 2026-11 (month), platform clock")
    String period;

    @Override
    public Integer call() throws Exception {
        Summary s = settle(context.config(), SettlementPeriod.parse(period), System.currentTimeMillis());
        Log.info(String.format(java.util.Locale.ROOT, "%s %s: %d statements, payout %.2f yuan (adjustments %.2f)", s.period(),
                s.alreadySettled() ? "was already settled, nothing changed" : "settled", s.statements(), s.payoutCents() / 100.0,
                s.adjustmentCents() / 100.0));
        return 0;
    }

    public static Summary settle(LeaderlensConfig config, SettlementPeriod period, long settledAt) throws Exception {
        ZoneId zone = config.getZone("timezone");
        LeaderlensTables tables = new LeaderlensTables(zone);
        IcebergCatalogs.createMissingTables(config, tables);
        Trino trino = CliContext.trino(config);
        String p = "'" + period.name() + "'";
        List<String> done = trino.query("SELECT count(*), coalesce(sum(payout_cents), 0), coalesce(sum(adjustment_cents), 0) "
                + "FROM iceberg.leaderlens.settlement_statements WHERE period = " + p).rows().get(0);
        if (Long.parseLong(done.get(0)) > 0) {
            return new Summary(period.name(), true, Integer.parseInt(done.get(0)), Long.parseLong(done.get(1)), Long.parseLong(done.get(2)));
        }
        // items written by an interrupted earlier run of this period are reused, so nothing is paid twice
        List<CreditedEntry> entries = credited(trino, "SELECT entry_id, leader_id, kind, amount_cents, "
                + "date_diff('millisecond', from_unixtime(0), event_time) FROM iceberg.leaderlens.settlement_items WHERE period = " + p);
        boolean resumed = !entries.isEmpty();
        if (!resumed) {
            entries = credited(trino, "SELECT l.entry_id, l.beneficiary_leader_id, l.kind, l.amount_cents, "
                    + "date_diff('millisecond', from_unixtime(0), l.event_time) FROM iceberg.leaderlens.commission_ledger l "
                    + "WHERE l.bucket = 'CREDITED' AND l.event_time < from_iso8601_timestamp_nanos('"
                    + Instant.ofEpochMilli(period.endMillis(zone)) + "') AND NOT EXISTS (SELECT 1 FROM iceberg.leaderlens.settlement_items i "
                    + "WHERE i.entry_id = l.entry_id)");
        }
        Settlement.Result result = Settlement.settle(period, zone, entries, settledAt);
        if (!resumed) {
            List<SettlementItemRow> items = new ArrayList<>();
            result.itemsByLeader().values().forEach(list -> list.forEach(e -> items.add(new SettlementItemRow(period.name(), e))));
            TableInserts.insert(trino, tables.settlementItems(), items);
        }
        TableInserts.insert(trino, tables.settlementStatements(), result.statements());

        List<String> check = trino.query("SELECT (SELECT coalesce(sum(payout_cents), 0) FROM iceberg.leaderlens.settlement_statements "
                + "WHERE period = " + p + "), (SELECT coalesce(sum(amount_cents), 0) FROM iceberg.leaderlens.settlement_items WHERE period = "
                + p + ")").rows().get(0);
        if (!check.get(0).equals(check.get(1))) {
            throw new IllegalStateException("settlement " + period.name() + " does not reconcile: statements pay " + check.get(0)
                    + " cents, its ledger entries sum to " + check.get(1));
        }
        long payout = result.statements().stream().mapToLong(SettlementStatement::payoutCents).sum();
        long adjustments = result.statements().stream().mapToLong(SettlementStatement::adjustmentCents).sum();
        return new Summary(period.name(), false, result.statements().size(), payout, adjustments);
    }

    private static List<CreditedEntry> credited(Trino trino, String sql) throws Exception {
        List<CreditedEntry> entries = new ArrayList<>();
        for (List<String> row : trino.query(sql).rows()) {
            entries.add(new CreditedEntry(row.get(0), row.get(1), LineKind.valueOf(row.get(2)), Long.parseLong(row.get(3)),
                    Long.parseLong(row.get(4))));
        }
        return entries;
    }
}
