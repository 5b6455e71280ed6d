package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run-commissions", mixinStandardHelpOptions = true,
        description = "Run the commission job: events, fraud alerts and review verdicts -> effective rates (Iceberg "
                + "commission_rate_changes and the compacted commission-rates topic) and the commission ledger (Iceberg "
                + "commission_ledger). The rate card is checked first; an invalid one stops here.")
public final class RunCommissionsCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--bounded", description = "process what is in the topics now, then stop; default: follow")
    boolean bounded;

    @Option(names = "--as-of", description = "with --bounded: the moment the data describes (ISO instant); refund windows ending "
            + "later are not credited when the input ends (default: now)")
    java.time.Instant asOf;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        CommissionRunner runner = new CommissionRunner(config);
        RateCardTable.record(config, runner.settings().calculator().card());
        JobRuntime runtime = new JobRuntime(config);
        runtime.settings(); // a bad configuration is refused here, every problem listed, before anything starts
        Log.info("commission job starting " + JobLauncher.where(runtime) + " with rate card " + runner.settings().calculator().card().version()
                + (bounded ? " (bounded)" : " (following the topics)"));
        long asOfMillis = (asOf != null ? asOf : java.time.Instant.now()).toEpochMilli();
        JobLauncher.launch(config, CommissionRunner.JOB_NAME, bounded, env -> runner.build(env, bounded, null, asOfMillis));
        return 0;
    }
}
