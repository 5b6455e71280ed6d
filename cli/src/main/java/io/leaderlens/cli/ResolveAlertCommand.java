package io.leaderlens.cli;

import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.config.LeaderlensConfig;
import java.util.LinkedHashMap;
import java.util.Map;
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
        publish(config, alertId, leaderId, outcome, by, reason, at != null ? at : System.currentTimeMillis());
        Log.info(outcome + " of alert " + alertId + " (leader " + leaderId + ") published to " + config.get("topics.alert-resolutions"));
        return 0;
    }

    public static void publish(LeaderlensConfig config, String alertId, String leaderId, LeaderLedger.Outcome outcome, String by,
                               String reason, long at) throws Exception {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("alert_id", alertId);
        verdict.put("leader_id", leaderId);
        verdict.put("outcome", outcome.name());
        verdict.put("resolved_by", by);
        verdict.put("reason", reason);
        verdict.put("resolved_at", at);
        CliContext.publishJson(config, config.get("topics.alert-resolutions"), leaderId, verdict);
    }
}
