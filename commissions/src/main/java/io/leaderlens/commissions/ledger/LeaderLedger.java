package io.leaderlens.commissions.ledger;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.rates.CommissionMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The commission lines one selling leader's orders and groups earn, and their lifecycle, as plain Java:
 * PENDING at payment → FROZEN at pickup → CREDITED when the refund-protection window has passed;
 * CLAWED_BACK by refunds (even after crediting), HELD while a fraud alert is open on the leader and then
 * released or REVERSED, VOIDED when the order's group buy fails. Tier-2 lines (for the upline) are decided
 * here too, because the selling leader's order decides them. Calls must come in event-time order; every
 * call returns the ledger entries it made (double entry: a movement is a pair that sums to zero).
 *
 * <p>The state lives in a {@link LedgerStore}, one piece per order, member and group, and every piece has an
 * end: an order is forgotten {@link #RETENTION_AFTER_CREDIT} after its credit (or after payment, if never
 * picked up) once nothing of it is pending, frozen or held; a bound member after the new-member window; a
 * group buy a week after it was last touched unless it formed or failed before.
 */
public final class LeaderLedger {
    /** How a fraud review ended. */
    public enum Outcome { RELEASE, REVERSE }

    private static final long DAY = 86_400_000L;
    /** A refund this long after crediting (or after payment, for an order never picked up) is no longer clawed back. */
    public static final long RETENTION_AFTER_CREDIT = 30 * DAY;
    /** A bound member's first pickup earns the new-member bonus only this long after the binding. */
    public static final long NEW_MEMBER_WINDOW = 30 * DAY;
    /** A group buy nobody touched for this long (no formation, failure or order) is forgotten. */
    public static final long OPEN_GROUP_RETENTION = 7 * DAY;

    private static final String ORDER = "o:";
    private static final String MEMBER = "m:";
    private static final String GROUP = "g:";

    private final String leaderId;
    private final long protectionWindowMillis;
    private final LedgerStore store;

    /** A ledger in memory (tests, replays). */
    public LeaderLedger(String leaderId, long protectionWindowMillis) {
        this(leaderId, protectionWindowMillis, new InMemoryLedgerStore());
    }

    public LeaderLedger(String leaderId, long protectionWindowMillis, LedgerStore store) {
        this.leaderId = requireNonNull(leaderId, "leaderId");
        this.protectionWindowMillis = protectionWindowMillis;
        this.store = requireNonNull(store, "store");
    }

    public String leaderId() {
        return leaderId;
    }

    /** The leader was bound under an upline (RECRUITED): later orders pay the upline a second tier. */
    public void bindUpline(String uplineId) {
        if (uplineId != null && !uplineId.equals(leaderId)) {
            LedgerSummary summary = store.summary();
            summary.upline = uplineId;
            store.putSummary(summary);
        }
    }

    public String upline() {
        return store.summary().upline;
    }

    /** A member signed up under this leader at {@code t}: their first pickup within the window earns the new-member bonus. */
    public void bindMember(String memberId, long t) {
        BoundMember known = store.member(memberId);
        store.putMember(memberId, new BoundMember(t, known != null && known.bonusEarned()));
        store.schedule(t + NEW_MEMBER_WINDOW, MEMBER + memberId);
    }

    public void groupOpened(String groupId, boolean byLeader, long t) {
        if (byLeader) {
            OpenGroup group = touch(groupId, t);
            group.openedByLeader = true;
            store.putGroup(groupId, group);
        }
    }

    /**
     * A paid order of {@code amountCents}: a tier-1 line at {@code rate} on {@code baseCents} (the paid or the list amount,
     * as the rate card says) and, with an upline, a tier-2 line of {@code secondTierShare} of it. Lines start PENDING, or
     * HELD while an alert is open.
     */
    public List<LedgerEntry> paid(String orderId, String groupId, String memberId, String category, long amountCents, long baseCents,
                                  BigDecimal rate, String rateId, String rateCardVersion, BigDecimal secondTierShare, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        if (store.order(orderId) != null) {
            return out; // paid once; a repeated PAID changes nothing
        }
        LedgerSummary summary = store.summary();
        LedgerOrder order = new LedgerOrder(orderId, groupId, memberId, amountCents, t);
        if (groupId != null) {
            OpenGroup group = touch(groupId, t);
            group.orderIds.add(orderId);
            store.putGroup(groupId, group);
        }
        long tier1 = CommissionMath.commissionCents(baseCents, rate);
        // the line says which base it used when that is not what was paid (the card's commission-base LIST)
        String basis = baseCents == amountCents ? "" : " on the list amount (" + amountCents + " cents paid)";
        earn(summary, order, LineKind.TIER1, leaderId, orderId, category, baseCents, rate, rateId, rateCardVersion, tier1, Bucket.PENDING,
                t, "PAID", basis, out);
        if (summary.upline != null) {
            long tier2 = CommissionMath.commissionCents(tier1, secondTierShare);
            earn(summary, order, LineKind.TIER2, summary.upline, orderId, category, tier1, secondTierShare, rateId, rateCardVersion, tier2,
                    Bucket.PENDING, t, "PAID", "", out);
        }
        store.putOrder(order);
        store.putSummary(summary);
        store.schedule(t + RETENTION_AFTER_CREDIT, ORDER + orderId);
        return out;
    }

    /**
     * Picked up: the order's lines freeze until the window ends; a bound member's first pickup earns the bonus
     * (not an order of a failed group buy: those never earn).
     */
    public List<LedgerEntry> confirmed(String orderId, long newMemberBonusCents, String rateCardVersion, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        LedgerOrder order = store.order(orderId);
        if (order == null || order.creditAt != Long.MAX_VALUE) {
            return out; // unknown (paid before the data, or forgotten) or already confirmed
        }
        LedgerSummary summary = store.summary();
        order.creditAt = t + protectionWindowMillis;
        for (LedgerLine line : order.lines) {
            if (line.bucket == Bucket.PENDING) {
                move(line, Bucket.FROZEN, line.cents, t, "CONFIRMED", "picked up; refund window until " + order.creditAt, out);
            } else if (line.bucket == Bucket.HELD && line.unheld == Bucket.PENDING) {
                line.unheld = Bucket.FROZEN;
            }
            line.creditAt = order.creditAt;
        }
        BoundMember member = store.member(order.memberId);
        if (!order.groupFailed && member != null && member.boundAt() > t - NEW_MEMBER_WINDOW && !member.bonusEarned()
                && newMemberBonusCents > 0) {
            store.putMember(order.memberId, new BoundMember(member.boundAt(), true));
            LedgerLine bonus = earn(summary, order, LineKind.NEW_MEMBER_BONUS, leaderId, orderId, null, order.paidCents, null, null,
                    rateCardVersion, newMemberBonusCents, Bucket.FROZEN, t, "CONFIRMED", "", out);
            bonus.creditAt = order.creditAt;
        }
        store.putOrder(order);
        store.putSummary(summary);
        store.schedule(order.creditAt, ORDER + orderId);
        return out;
    }

    /**
     * A refund takes back the commission on the refunded amount from wherever it is (a negative CREDITED
     * entry after crediting); a full refund takes back everything left, the new-member bonus included.
     */
    public List<LedgerEntry> refunded(String orderId, long refundCents, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        LedgerOrder order = store.order(orderId);
        if (order == null) {
            return out;
        }
        order.refundedCents += refundCents;
        boolean full = order.refundedCents >= order.paidCents;
        long tier1Claw = 0;
        for (LedgerLine line : order.lines) {
            if (!line.bucket.open() || line.cents == 0) {
                continue;
            }
            long claw = switch (line.kind) {
                case TIER1 -> tier1Claw = full ? line.cents : Math.min(line.cents,
                        CommissionMath.commissionCents(CommissionMath.refundedBaseCents(refundCents, line.baseCents, order.paidCents), line.rate));
                case TIER2 -> full ? line.cents : Math.min(line.cents, CommissionMath.commissionCents(tier1Claw, line.rate));
                case NEW_MEMBER_BONUS -> full ? line.cents : 0;
                case GROUP_OPENING_BONUS -> 0;
            };
            if (claw > 0) {
                move(line, Bucket.CLAWED_BACK, claw, t, "REFUNDED", (full ? "full" : "partial") + " refund of " + refundCents + " cents", out);
            }
        }
        store.putOrder(order);
        return out;
    }

    /** A group the leader opened formed: the group-opening bonus, frozen for the window like an order. */
    public List<LedgerEntry> groupFormed(String groupId, long bonusCents, String rateCardVersion, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        OpenGroup group = store.group(groupId);
        store.removeGroup(groupId);
        String holderId = "group:" + groupId;
        if (group == null || !group.openedByLeader || bonusCents <= 0 || store.order(holderId) != null) {
            return out; // not the leader's, no bonus, or this group's bonus was already earned
        }
        LedgerSummary summary = store.summary();
        LedgerOrder holder = new LedgerOrder(holderId, groupId, null, 0, t);
        holder.creditAt = t + protectionWindowMillis;
        LedgerLine bonus = earn(summary, holder, LineKind.GROUP_OPENING_BONUS, leaderId, groupId, null, 0, null, null, rateCardVersion,
                bonusCents, Bucket.FROZEN, t, "GROUP_FORMED", "", out);
        bonus.creditAt = holder.creditAt;
        store.putOrder(holder);
        store.putSummary(summary);
        store.schedule(holder.creditAt, ORDER + holderId);
        return out;
    }

    /** A failed group buy: its orders never earn, whatever happened to them. */
    public List<LedgerEntry> groupFailed(String groupId, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        OpenGroup group = store.group(groupId);
        store.removeGroup(groupId);
        if (group == null) {
            return out;
        }
        for (String orderId : group.orderIds) {
            LedgerOrder order = store.order(orderId);
            if (order == null) {
                continue;
            }
            order.groupFailed = true;
            for (LedgerLine line : order.lines) {
                if (line.bucket.open() && line.cents > 0) {
                    move(line, Bucket.VOIDED, line.cents, t, "GROUP_FAILED", "group buy " + groupId + " failed", out);
                }
            }
            store.putOrder(order);
        }
        return out;
    }

    /** A fraud alert on the leader: everything not yet credited is held until the review. */
    public List<LedgerEntry> alertOpened(String alertId, String why, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        LedgerSummary summary = store.summary();
        if (summary.openAlerts.contains(alertId)) {
            return out;
        }
        summary.openAlerts.add(alertId);
        store.putSummary(summary);
        if (summary.openAlerts.size() > 1) {
            return out; // already held by another alert
        }
        List<LedgerOrder> changed = new ArrayList<>();
        for (Held held : linesInEarningOrder()) {
            LedgerLine line = held.line();
            if (line.bucket == Bucket.PENDING || line.bucket == Bucket.FROZEN) {
                Bucket was = line.bucket;
                move(line, Bucket.HELD, line.cents, t, "ALERT_OPENED", "fraud alert " + alertId + ": " + why, out);
                line.unheld = was;
                changed.add(held.order());
            }
        }
        changed.stream().distinct().forEach(store::putOrder);
        return out;
    }

    /** The review's outcome: REVERSE takes the held commission away; RELEASE (of the last open alert) gives it back. */
    public List<LedgerEntry> alertResolved(String alertId, Outcome outcome, String why, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        LedgerSummary summary = store.summary();
        if (!summary.openAlerts.remove(alertId)) {
            return out;
        }
        store.putSummary(summary);
        if (outcome == Outcome.RELEASE && !summary.openAlerts.isEmpty()) {
            return out; // still covered by another alert
        }
        List<LedgerOrder> changed = new ArrayList<>();
        for (Held held : linesInEarningOrder()) {
            LedgerLine line = held.line();
            if (line.bucket != Bucket.HELD) {
                continue;
            }
            if (outcome == Outcome.REVERSE) {
                move(line, Bucket.REVERSED, line.cents, t, "ALERT_REVERSED", "fraud review " + alertId + ": " + why, out);
            } else {
                Bucket back = line.creditAt <= t ? Bucket.CREDITED : line.unheld;
                move(line, back, line.cents, t, "ALERT_RELEASED", "fraud review " + alertId + ": " + why, out);
            }
            changed.add(held.order());
        }
        changed.stream().distinct().forEach(store::putOrder);
        return out;
    }

    public boolean knowsOrder(String orderId) {
        return store.order(orderId) != null;
    }

    public boolean hasOpenAlert(String alertId) {
        return store.summary().openAlerts.contains(alertId);
    }

    public boolean underAlert() {
        return !store.summary().openAlerts.isEmpty();
    }

    /**
     * Credits what has waited out its window by {@code t} (held lines wait for their review), and forgets
     * what has reached its end.
     */
    public List<LedgerEntry> advanceTo(long t) {
        List<LedgerEntry> out = new ArrayList<>();
        for (long due : store.dueTimes(t)) {
            for (String ref : store.takeDue(due)) {
                if (ref.startsWith(ORDER)) {
                    orderDue(ref.substring(ORDER.length()), due, out);
                } else if (ref.startsWith(MEMBER)) {
                    String memberId = ref.substring(MEMBER.length());
                    BoundMember member = store.member(memberId);
                    if (member != null && member.boundAt() + NEW_MEMBER_WINDOW <= due) {
                        store.removeMember(memberId);
                    }
                } else if (ref.startsWith(GROUP)) {
                    String groupId = ref.substring(GROUP.length());
                    OpenGroup group = store.group(groupId);
                    if (group != null && group.lastTouched + OPEN_GROUP_RETENTION <= due) {
                        store.removeGroup(groupId);
                    }
                }
            }
        }
        return out;
    }

    /** The next time {@link #advanceTo} has something to do, or {@code Long.MAX_VALUE}. */
    public long nextCreditTime() {
        return store.nextDueTime();
    }

    private void orderDue(String orderId, long due, List<LedgerEntry> out) {
        LedgerOrder order = store.order(orderId);
        if (order == null) {
            return;
        }
        boolean changed = false;
        for (LedgerLine line : order.lines) {
            if (line.bucket == Bucket.FROZEN && line.creditAt <= due) {
                move(line, Bucket.CREDITED, line.cents, due, "WINDOW_PASSED", "refund window passed", out);
                changed = true;
            }
        }
        long forgetAt = (order.creditAt != Long.MAX_VALUE ? order.creditAt : order.paidAt) + RETENTION_AFTER_CREDIT;
        if (forgetAt <= due && order.settled()) {
            store.removeOrder(orderId);
            return;
        }
        if (changed) {
            store.putOrder(order);
        }
        // still pending or held at its end: look again later; otherwise come back at its end
        store.schedule(forgetAt <= due ? due + RETENTION_AFTER_CREDIT : forgetAt, ORDER + orderId);
    }

    private OpenGroup touch(String groupId, long t) {
        OpenGroup group = store.group(groupId);
        if (group == null) {
            group = new OpenGroup();
        }
        group.lastTouched = t;
        store.schedule(t + OPEN_GROUP_RETENTION, GROUP + groupId);
        return group;
    }

    private record Held(LedgerOrder order, LedgerLine line) {}

    /** Every line the leader holds, in the order they were earned: holds and releases move them in that order. */
    private List<Held> linesInEarningOrder() {
        List<Held> all = new ArrayList<>();
        for (LedgerOrder order : store.orders()) {
            for (LedgerLine line : order.lines) {
                all.add(new Held(order, line));
            }
        }
        all.sort(Comparator.comparingLong(h -> h.line().seq));
        return all;
    }

    private LedgerLine earn(LedgerSummary summary, LedgerOrder order, LineKind kind, String beneficiary, String sourceId, String category,
                            long baseCents, BigDecimal rate, String rateId, String rateCardVersion, long cents, Bucket start, long t,
                            String cause, String basis, List<LedgerEntry> out) {
        String id = kind + ":" + sourceId + ":" + beneficiary;
        LedgerLine existing = order.line(id);
        if (existing != null) {
            return existing; // a line is earned once, whatever repeats upstream
        }
        LedgerLine line = new LedgerLine(id, kind, beneficiary, sourceId, category, baseCents, rate, rateId, rateCardVersion,
                summary.nextSeq++);
        order.lines.add(line);
        boolean held = !summary.openAlerts.isEmpty();
        line.bucket = held ? Bucket.HELD : start;
        line.unheld = start;
        line.cents = cents;
        if (cents != 0) {
            out.add(entry(line, line.bucket, cents, t, cause, (held ? "earned while a fraud alert is open: held" : "earned") + basis));
        }
        return line;
    }

    /** Moves cents of a line between buckets: the whole line, or part of it into CLAWED_BACK. */
    private void move(LedgerLine line, Bucket to, long cents, long t, String cause, String reason, List<LedgerEntry> out) {
        if (cents <= 0) {
            if (to != Bucket.CLAWED_BACK) {
                line.bucket = to; // an empty line follows its order's state
            }
            return;
        }
        out.add(entry(line, line.bucket, -cents, t, cause, reason));
        out.add(entry(line, to, cents, t, cause, reason));
        if (to == Bucket.CLAWED_BACK && cents < line.cents) {
            line.cents -= cents; // the rest stays where it was
        } else {
            line.bucket = to;
            line.cents = cents;
        }
    }

    private LedgerEntry entry(LedgerLine line, Bucket bucket, long cents, long t, String cause, String reason) {
        int n = ++line.movements;
        return new LedgerEntry(line.lineId + "#" + n, line.lineId, line.kind, line.beneficiary, leaderId, line.sourceId,
                line.category, line.baseCents, line.rate, line.rateId, line.rateCardVersion, bucket, cents, t, cause, reason);
    }
}
