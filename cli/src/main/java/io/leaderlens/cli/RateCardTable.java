package io.leaderlens.cli;

import io.leaderlens.services.TableInserts;
import io.leaderlens.commissions.ratecard.RateCard;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.Trino;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.commissions.CommissionTables;
import io.leaderlens.jobs.commissions.RateCardRow;

/** Lands the rate card version in force in Iceberg {@code rate_card}, once per version, through Trino. */
public final class RateCardTable {
    private RateCardTable() {}

    public static void record(LeaderlensConfig config, RateCard card) throws Exception {
        CommissionTables tables = new CommissionTables(config.getZone("timezone"));
        IcebergCatalogs.createMissingTables(config, tables);
        Trino trino = CliContext.trino(config);
        String known = trino.query("SELECT count(*) FROM iceberg.leaderlens.rate_card WHERE version = '" + card.version().replace("'", "''")
                + "'").rows().get(0).get(0);
        if (known.equals("0")) {
            TableInserts.insert(trino, tables.rateCard(), RateCardRow.of(card, System.currentTimeMillis()));
            Log.info("rate card " + card.version() + " recorded in iceberg.leaderlens.rate_card");
        }
    }
}
