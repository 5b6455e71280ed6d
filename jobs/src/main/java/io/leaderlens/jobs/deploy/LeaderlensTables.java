package io.leaderlens.jobs.deploy;

import static java.util.Objects.requireNonNull;

import io.leaderlens.jobs.commissions.CommissionTables;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.jobs.fraudscoring.FraudScoringTables;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsTables;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.tables.TableSet;
import java.time.ZoneId;
import java.util.List;

/** Every Iceberg table of a leaderlens deployment, each set owned by its job (namespace {@code leaderlens}). */
public final class LeaderlensTables implements TableSet {
    private final TableSet all;

    public LeaderlensTables(ZoneId zone) {
        requireNonNull(zone, "zone");
        all = TableSet.of(new InputTables(zone), new LeaderMetricsTables(), new FraudScoringTables(zone), new CommissionTables(zone));
    }

    @Override
    public List<TableDefinition<?>> all() {
        return all.all();
    }
}
