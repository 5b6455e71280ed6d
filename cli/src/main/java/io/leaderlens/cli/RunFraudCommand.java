package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run-fraud", mixinStandardHelpOptions = true,
        description = "Run the live fraud scoring job: Kafka -> features and rules -> models from the registry -> "
                + "order_scores, member_scores, fraud_alerts (Iceberg) and the fraud-alerts topic. Models and thresholds "
                + "change without restart through ./leaderlens promote.")
public final class RunFraudCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--bounded", description = "process what is in the topics now, then stop; default: follow")
    boolean bounded;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        FraudScoringRunner runner = new FraudScoringRunner(config);
        JobRuntime runtime = new JobRuntime(config);
        runtime.settings(); // a bad configuration is refused here, every problem listed, before anything starts
        Log.info("fraud scoring job starting " + JobLauncher.where(runtime) + " with " + runner.currentModels().stream()
                .map(m -> m.subject() + "-v" + m.version()).toList() + (bounded ? " (bounded)" : " (following the topics)"));
        JobLauncher.launch(config, FraudScoringRunner.JOB_NAME, bounded, env -> runner.build(env, bounded, null));
        return 0;
    }
}
