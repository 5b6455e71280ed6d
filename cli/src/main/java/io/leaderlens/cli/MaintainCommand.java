package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.deploy.LeaderlensTables;
import io.leaderlens.services.TableMaintenance;
import io.leaderlens.tables.TableDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "Compact small files, expire old snapshots and remove unreferenced files of the leaderlens tables, "
                + "through Trino, while the jobs keep writing (docs/maintenance.md). Prints data files and snapshots per table "
                + "before and after.")
public final class MaintainCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--table", description = "a table to maintain (repeatable; default: every leaderlens table)")
    List<String> tables = new ArrayList<>();

    @Option(names = "--file-size-threshold", description = "files smaller than this are rewritten into larger ones (default: 64MB)")
    String fileSizeThreshold = TableMaintenance.Options.defaults().fileSizeThreshold();

    @Option(names = "--retention", description = "snapshots and unreferenced files older than this are removed; Trino refuses "
            + "less than its minimum, 7d by default (default: 7d)")
    String retention = TableMaintenance.Options.defaults().retention();

    @Option(names = "--every", description = "run again after this long, until stopped (e.g. PT1H); default: once")
    Duration every;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        List<String> names = tables.isEmpty()
                ? new LeaderlensTables(config.getZone("timezone")).all().stream().map(TableDefinition::name).toList() : tables;
        TableMaintenance.Options options = new TableMaintenance.Options(fileSizeThreshold, retention);
        TableMaintenance maintenance = new TableMaintenance(CliContext.trino(config, "admin"), Log::info);
        while (true) {
            List<TableMaintenance.TableReport> reports = maintenance.run(names, options);
            long before = reports.stream().mapToLong(TableMaintenance.TableReport::filesBefore).sum();
            long after = reports.stream().mapToLong(TableMaintenance.TableReport::filesAfter).sum();
            Log.info(String.format("maintained %d tables: %,d -> %,d data files", reports.size(), before, after));
            if (every == null) {
                return 0;
            }
            Thread.sleep(every.toMillis());
        }
    }
}
