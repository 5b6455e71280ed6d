package io.leaderlens.cli;

import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.services.AlertVerdicts;
import io.leaderlens.services.DecisionPublisher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "resolve-alert", mixinStandardHelpOptions = true,
        description = "Record the risk team's verdict on a fraud alert: RELEASE the commission it held, or REVERSE it. "
                + "Published on the alert-resolutions topic; the commission job applies it and the ledger says who and why.")
public final class ResolveAlertCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--alert", required = true, description = "alert id, as in fraud_alerts.alert_id")
    String alertId;

    @Option(names = "--leader", required = true, description = "the alert's leader id")
    String leaderId;

    @Option(names = "--outcome", required = true, description = "RELEASE or REVERSE")
    LeaderLedger.Outcome outcome;

    @Option(names = "--by", description = "who decides (default: $USER)")
    String by = System.getenv().getOrDefault("USER", "unknown");

    @Option(names = "--reason", required = true, description = "why, in words")
    String reason;

    @Option(names = "--at", description = "when the verdict takes effect, epoch milliseconds (default: now)")
    Long at;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        try (DecisionPublisher publisher = DecisionPublisher.to(config.get("kafka.bootstrap-servers"))) {
            AlertVerdicts verdicts = new AlertVerdicts(publisher, config.get("topics.alert-resolutions"));
            verdicts.decide(alertId, leaderId, outcome, by, reason, at != null ? at : System.currentTimeMillis());
            Log.info(outcome + " of alert " + alertId + " (leader " + leaderId + ") published to " + verdicts.topic());
        }
        return 0;
    }
}
