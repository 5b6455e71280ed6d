package io.leaderlens.commissions.settlement;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles a period: every credited entry up to the period's end that no earlier statement covered goes
 * into exactly one statement of this period — so a refund that takes back commission already paid shows up
 * as an adjustment in the next period, and nothing is paid twice.
 */
public final class Settlement {
    /** The statements and the entries each one covers. */
    public record Result(List<SettlementStatement> statements, Map<String, List<CreditedEntry>> itemsByLeader) {}

    private Settlement() {}

    public static Result settle(SettlementPeriod period, ZoneId zone, List<CreditedEntry> unsettled, long settledAt) {
        long end = period.endMillis(zone);
        Map<String, List<CreditedEntry>> byLeader = new TreeMap<>();
        for (CreditedEntry e : unsettled) {
            if (e.eventTime() < end) {
                byLeader.computeIfAbsent(e.leaderId(), l -> new ArrayList<>()).add(e);
            }
        }
        List<SettlementStatement> statements = new ArrayList<>();
        byLeader.forEach((leader, items) -> {
            long tier1 = 0;
            long tier2 = 0;
            long bonus = 0;
            long adjustments = 0;
            for (CreditedEntry e : items) {
                if (e.amountCents() < 0) {
                    adjustments += e.amountCents();
                } else {
                    switch (e.kind()) {
                        case TIER1 -> tier1 += e.amountCents();
                        case TIER2 -> tier2 += e.amountCents();
                        case NEW_MEMBER_BONUS, GROUP_OPENING_BONUS -> bonus += e.amountCents();
                    }
                }
            }
            statements.add(new SettlementStatement(period.name(), leader, tier1, tier2, bonus, adjustments,
                    tier1 + tier2 + bonus + adjustments, items.size(), period.startMillis(zone), end, settledAt));
        });
        return new Result(statements, byLeader);
    }
}
