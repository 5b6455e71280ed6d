package io.leaderlens.cli;

import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.services.SettlementService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "settle", mixinStandardHelpOptions = true,
        description = "Settle a period (a week like 2026-W47 or a month like 2026-11): one statement per leader in Iceberg "
                + "settlement_statements, covering every credited ledger entry up to the period's end that no earlier statement "
                + "covered (a clawback of commission paid earlier is an adjustment). A period's items and statements land in one "
                + "commit: an interrupted run settles nothing, and running it again settles the period once; re-running a settled "
                + "period changes nothing. Periods are settled in order (refused while the period before has open entries), after they end.")
public final class SettleCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--period", required = true, description = "2026-W47 (ISO week, Monday to Sunday) or 2026-11 (month), platform clock")
    String period;

    @Override
    public Integer call() throws Exception {
        SettlementService.Summary s = CliContext.settlement(context.config()).settle(SettlementPeriod.parse(period), System.currentTimeMillis());
        Log.info(String.format(java.util.Locale.ROOT, "%s %s: %d statements, payout %.2f yuan (adjustments %.2f)", s.period(),
                s.alreadySettled() ? "was already settled, nothing changed" : "settled", s.statements(), s.payoutCents() / 100.0,
                s.adjustmentCents() / 100.0));
        return 0;
    }
}
