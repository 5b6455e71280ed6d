package io.leaderlens.commissions.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commission lifecycle on hand-worked examples: 10.00% of 100.00 yuan is 10.00 yuan, the upline gets 10% of that. */
class LeaderLedgerTest {
    private static final long DAY = 86_400_000L;
    private static final long WINDOW = 7 * DAY;
    private static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

    private final LeaderLedger ledger = new LeaderLedger("L1", WINDOW);
    private final List<LedgerEntry> entries = new ArrayList<>();

    private void pay(String order, String group, String member, long cents, long t) {
        entries.addAll(ledger.paid(order, group, member, "snacks", cents, cents, TEN_PERCENT, "L1|snacks#1", "v1", TEN_PERCENT, t));
    }

    private Map<Bucket, Long> balances(String beneficiary) {
        Map<Bucket, Long> b = new EnumMap<>(Bucket.class);
        entries.stream().filter(e -> e.beneficiary().equals(beneficiary)).forEach(e -> b.merge(e.bucket(), e.amountCents(), Long::sum));
        b.values().removeIf(v -> v == 0);
        return b;
    }

    @Test
    void pendingThenFrozenThenCreditedAfterTheWindow() {
        ledger.bindUpline("UP");
        pay("o1", null, "m1", 10_000, 0);
        assertThat(balances("L1")).containsExactlyEntriesOf(Map.of(Bucket.PENDING, 1_000L));
        assertThat(balances("UP")).containsExactlyEntriesOf(Map.of(Bucket.PENDING, 100L));

        entries.addAll(ledger.confirmed("o1", 300, "v1", DAY));
        assertThat(balances("L1")).containsExactlyEntriesOf(Map.of(Bucket.FROZEN, 1_000L));

        entries.addAll(ledger.advanceTo(DAY + WINDOW - 1));
        assertThat(balances("L1")).as("one millisecond before the window ends").containsExactlyEntriesOf(Map.of(Bucket.FROZEN, 1_000L));
        entries.addAll(ledger.advanceTo(DAY + WINDOW));
        assertThat(balances("L1")).containsExactlyEntriesOf(Map.of(Bucket.CREDITED, 1_000L));
        assertThat(balances("UP")).containsExactlyEntriesOf(Map.of(Bucket.CREDITED, 100L));
        assertThat(entries).allSatisfy(e -> assertThat(e.sellingLeader()).isEqualTo("L1"));
    }

    @Test
    void aRefundAfterCreditingIsANegativeCreditedEntry() {
        ledger.bindUpline("UP");
        pay("o1", null, "m1", 10_000, 0);
        entries.addAll(ledger.confirmed("o1", 0, "v1", DAY));
        entries.addAll(ledger.advanceTo(DAY + WINDOW));
        List<LedgerEntry> refund = ledger.refunded("o1", 4_990, DAY + WINDOW + 5);
        entries.addAll(refund);
        // 10% of 49.90 = 4.99 yuan back from L1; 10% of that = 0.499 → 0.50 yuan from the upline (half to even: 49.9 → 50)
        assertThat(refund).filteredOn(e -> e.bucket() == Bucket.CREDITED).extracting(LedgerEntry::amountCents).containsExactly(-499L, -50L);
        assertThat(balances("L1")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.CREDITED, 501L, Bucket.CLAWED_BACK, 499L));
        assertThat(balances("UP")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.CREDITED, 50L, Bucket.CLAWED_BACK, 50L));

        entries.addAll(ledger.refunded("o1", 5_010, DAY + WINDOW + 6)); // the rest: a full refund takes everything left
        assertThat(balances("L1")).containsExactlyEntriesOf(Map.of(Bucket.CLAWED_BACK, 1_000L));
        assertThat(balances("UP")).containsExactlyEntriesOf(Map.of(Bucket.CLAWED_BACK, 100L));
    }

    @Test
    void aFailedGroupEarnsNothing() {
        pay("o1", "g1", "m1", 10_000, 0);
        pay("o2", "g1", "m2", 5_000, 1);
        pay("o3", null, "m3", 2_000, 2);
        entries.addAll(ledger.groupFailed("g1", 3));
        entries.addAll(ledger.refunded("o1", 10_000, 4)); // the platform refunds a failed group: nothing left to claw back
        assertThat(balances("L1")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.VOIDED, 1_500L, Bucket.PENDING, 200L));
    }

    @Test
    void anAlertHoldsWhatIsNotCreditedAndTheReviewDecides() {
        pay("o1", null, "m1", 10_000, 0);
        entries.addAll(ledger.confirmed("o1", 0, "v1", 1));
        entries.addAll(ledger.advanceTo(1 + WINDOW));           // o1 credited before the alert: stays credited
        pay("o2", null, "m2", 20_000, 2 + WINDOW);
        entries.addAll(ledger.confirmed("o2", 0, "v1", 3 + WINDOW));
        entries.addAll(ledger.alertOpened("a1", "HOLD_COMMISSION", 4 + WINDOW));
        pay("o3", null, "m3", 30_000, 5 + WINDOW);            // earned under the alert: held at once
        assertThat(balances("L1")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.CREDITED, 1_000L, Bucket.HELD, 5_000L));

        entries.addAll(ledger.advanceTo(3 + 2 * WINDOW));       // o2's window passes while held: it waits
        assertThat(balances("L1")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.CREDITED, 1_000L, Bucket.HELD, 5_000L));
        entries.addAll(ledger.alertResolved("a1", LeaderLedger.Outcome.RELEASE, "fine", 4 + 2 * WINDOW));
        // released: o2 is past its window → credited; o3 was never picked up → pending again
        assertThat(balances("L1")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.CREDITED, 3_000L, Bucket.PENDING, 3_000L));
    }

    @Test
    void aReversedAlertTakesTheHeldCommissionAway() {
        pay("o1", null, "m1", 10_000, 0);
        entries.addAll(ledger.alertOpened("a1", "BLOCK", 1));
        entries.addAll(ledger.alertOpened("a2", "HOLD_COMMISSION", 2));
        entries.addAll(ledger.alertResolved("a2", LeaderLedger.Outcome.RELEASE, "fine", 3));
        assertThat(balances("L1")).as("still covered by a1").containsExactlyEntriesOf(Map.of(Bucket.HELD, 1_000L));
        entries.addAll(ledger.alertResolved("a1", LeaderLedger.Outcome.REVERSE, "brushing confirmed", 4));
        assertThat(balances("L1")).containsExactlyEntriesOf(Map.of(Bucket.REVERSED, 1_000L));
    }

    @Test
    void bonusesForANewMembersFirstPickupAndForAFormedGroupTheLeaderOpened() {
        ledger.bindMember("new", 0);
        pay("o1", null, "new", 1_000, 0);
        pay("o2", null, "new", 1_000, 1);
        pay("o3", null, "old", 1_000, 2);
        entries.addAll(ledger.confirmed("o1", 300, "v1", 10));
        entries.addAll(ledger.confirmed("o2", 300, "v1", 11));   // not the first: no second bonus
        entries.addAll(ledger.confirmed("o3", 300, "v1", 12));   // not bound in the data: no bonus
        ledger.groupOpened("g1", true, 12);
        ledger.groupOpened("g2", false, 12);
        entries.addAll(ledger.groupFormed("g1", 100, "v1", 13));
        entries.addAll(ledger.groupFormed("g2", 100, "v1", 14));
        assertThat(entries).filteredOn(e -> e.kind() == LineKind.NEW_MEMBER_BONUS).extracting(LedgerEntry::sourceId).containsOnly("o1");
        assertThat(entries).filteredOn(e -> e.kind() == LineKind.GROUP_OPENING_BONUS).extracting(LedgerEntry::sourceId).containsOnly("g1");
        assertThat(balances("L1")).containsExactlyEntriesOf(Map.of(Bucket.FROZEN, 3 * 100L + 300L + 100L));
        entries.addAll(ledger.refunded("o1", 1_000, 20));         // the bonus goes with a full refund of its order
        ledger.bindMember("grouped", 20);
        pay("o4", "g9", "grouped", 1_000, 21);
        entries.addAll(ledger.groupFailed("g9", 22));
        entries.addAll(ledger.confirmed("o4", 300, "v1", 23));   // a failed group's order earns no bonus either
        assertThat(balances("L1")).containsExactlyInAnyOrderEntriesOf(Map.of(Bucket.FROZEN, 2 * 100L + 100L, Bucket.CLAWED_BACK, 400L,
                Bucket.VOIDED, 100L));
    }

    @Test
    void theNewMemberBonusNeedsAPickupWithinTheWindowAndTheBindingIsThenForgotten() {
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        LeaderLedger ledger = new LeaderLedger("L1", WINDOW, store);
        ledger.bindMember("late", 0);
        ledger.paid("o1", null, "late", "snacks", 1_000, 1_000, new BigDecimal("0.1"), "r", "v1", new BigDecimal("0.1"), DAY);
        long afterWindow = LeaderLedger.NEW_MEMBER_WINDOW + 1;
        ledger.advanceTo(afterWindow);
        assertThat(store.member("late")).as("forgotten at the end of the window").isNull();
        assertThat(ledger.confirmed("o1", 300, "v1", afterWindow)).extracting(LedgerEntry::kind).doesNotContain(LineKind.NEW_MEMBER_BONUS);
    }

    @Test
    void anOrderIsForgottenOnceSettledAndItsRetentionHasPassedButNotWhileHeld() {
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        LeaderLedger ledger = new LeaderLedger("L1", WINDOW, store);
        ledger.paid("o1", null, "m", "snacks", 1_000, 1_000, new BigDecimal("0.1"), "r", "v1", new BigDecimal("0.1"), 0);
        ledger.paid("o2", "g1", "m", "snacks", 1_000, 1_000, new BigDecimal("0.1"), "r", "v1", new BigDecimal("0.1"), 0);
        ledger.confirmed("o1", 0, "v1", DAY);
        ledger.alertOpened("a1", "held", DAY + 1);                         // o1 and o2 held
        ledger.groupFailed("g1", DAY + 2);                                   // o2 voided: settled
        long end = DAY + WINDOW + LeaderLedger.RETENTION_AFTER_CREDIT;
        ledger.advanceTo(end);
        assertThat(store.order("o2")).as("settled, and past its end").isNull();
        assertThat(store.order("o1")).as("held: waits for the review").isNotNull();
        ledger.alertResolved("a1", LeaderLedger.Outcome.RELEASE, "fine", end + 1);
        ledger.advanceTo(end + LeaderLedger.RETENTION_AFTER_CREDIT);
        assertThat(store.order("o1")).as("credited and past its end").isNull();
        assertThat(store.group("g1")).isNull();
        assertThat(store.size()).as("nothing left but what is scheduled").isLessThanOrEqualTo(1);
        assertThat(ledger.nextCreditTime()).isGreaterThan(end);
    }

    @Test
    void aGroupNobodyClosesIsForgottenAWeekAfterItWasLastTouched() {
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        LeaderLedger ledger = new LeaderLedger("L1", WINDOW, store);
        ledger.groupOpened("g1", true, 0);
        ledger.advanceTo(LeaderLedger.OPEN_GROUP_RETENTION - 1);
        assertThat(store.group("g1")).isNotNull();
        ledger.advanceTo(LeaderLedger.OPEN_GROUP_RETENTION);
        assertThat(store.group("g1")).isNull();
        assertThat(ledger.groupFormed("g1", 100, "v1", LeaderLedger.OPEN_GROUP_RETENTION + 1)).isEmpty();
    }
}
