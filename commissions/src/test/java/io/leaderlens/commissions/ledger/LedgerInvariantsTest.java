package io.leaderlens.commissions.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever happens to orders, groups and alerts, the ledger adds up, line by line, at every step. */
class LedgerInvariantsTest {
    private static final long HOUR = 3_600_000L;

    @Provide
    Arbitrary<List<int[]>> scripts() {
        Arbitrary<int[]> step = Combinators.combine(
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 9), Arbitraries.integers().between(1, 30_000))
                .as((op, a, b) -> new int[] {op, a, b});
        return step.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 1_500)
    void everyLineKeepsWhatItEarnedAcrossItsBuckets(@ForAll("scripts") List<int[]> script) {
        LeaderLedger ledger = new LeaderLedger("L", 48 * HOUR);
        ledger.bindUpline("UP");
        ledger.bindMember("m3", 0);
        List<LedgerEntry> entries = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        Map<String, String> groupOfOrder = new HashMap<>();
        long t = 0;
        for (int[] s : script) {
            t += HOUR;
            String order = "o" + s[1];
            String group = s[1] % 3 == 0 ? null : "g" + (s[1] % 3);
            switch (s[0]) {
                case 0 -> {
                    if (group != null && failedGroups.contains(group)) {
                        continue; // nobody joins a group that already failed
                    }
                    groupOfOrder.putIfAbsent(order, group);
                    // odd orders had discounts and earn on their list amount (commission-base LIST), above what was paid
                    long base = s[1] % 2 == 0 ? s[2] : s[2] + s[2] / 3 + 1;
                    entries.addAll(ledger.paid(order, group, "m" + s[1], "snacks", s[2], base, new BigDecimal("0.123457"), "L|snacks#1", "v",
                            new BigDecimal("0.1"), t));
                }
                // a subsidised first order earns no new-member bonus (0), the member's next may
                case 1 -> entries.addAll(ledger.confirmed(order, s[2] % 3 == 0 ? 0 : 300, "v", t));
                case 2 -> entries.addAll(ledger.refunded(order, s[2], t));
                case 3 -> {
                    if (group != null && failedGroups.add(group)) {
                        entries.addAll(ledger.groupFailed(group, t));
                    }
                }
                case 4 -> {
                    ledger.groupOpened("b" + s[1], true, t);
                    entries.addAll(ledger.groupFormed("b" + s[1], 100, "v", t));
                }
                case 5 -> entries.addAll(ledger.alertOpened("a" + (s[1] % 2), "test", t));
                case 6 -> entries.addAll(ledger.alertResolved("a" + (s[1] % 2),
                        s[2] % 2 == 0 ? LeaderLedger.Outcome.RELEASE : LeaderLedger.Outcome.REVERSE, "test", t));
                default -> t += s[2] * 10_000L; // time passes
            }
            entries.addAll(ledger.advanceTo(t));
            checkInvariants(entries, groupOfOrder, failedGroups);
        }
    }

    private static void checkInvariants(List<LedgerEntry> entries, Map<String, String> groupOfOrder, Set<String> failedGroups) {
        Map<String, Long> earned = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Map<Bucket, Long>> byBucket = new HashMap<>();
        for (LedgerEntry e : entries) {
            earned.putIfAbsent(e.lineId(), e.amountCents()); // a line's first entry is its earning
            total.merge(e.lineId(), e.amountCents(), Long::sum);
            byBucket.computeIfAbsent(e.lineId(), l -> new HashMap<>()).merge(e.bucket(), e.amountCents(), Long::sum);
        }
        for (String line : earned.keySet()) {
            assertThat(earned.get(line)).as("earned by " + line).isPositive();
            assertThat(total.get(line)).as("cents of " + line + " across its buckets").isEqualTo(earned.get(line));
            Map<Bucket, Long> buckets = byBucket.get(line);
            assertThat(buckets.values()).as("no bucket of " + line + " goes negative").allSatisfy(v -> assertThat(v).isNotNegative());
            assertThat(buckets.entrySet().stream().filter(b -> b.getKey().open() && b.getValue() > 0).count())
                    .as("the uncollected cents of " + line + " are in one place").isLessThanOrEqualTo(1);
        }
        for (LedgerEntry e : entries) {
            if (e.bucket() == Bucket.VOIDED) {
                assertThat(failedGroups).as("voided only for a failed group").contains(groupOfOrder.get(e.sourceId()));
            }
        }
    }
}
