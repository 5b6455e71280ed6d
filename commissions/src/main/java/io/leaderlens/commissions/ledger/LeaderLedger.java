package io.leaderlens.commissions.ledger;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.rates.CommissionMath;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commission lines one selling leader's orders and groups earn, and their lifecycle, as plain Java:
 * PENDING at payment → FROZEN at pickup → CREDITED when the refund-protection window has passed;
 * CLAWED_BACK by refunds (even after crediting), HELD while a fraud alert is open on the leader and then
 * released or REVERSED, VOIDED when the order's group buy fails. Tier-2 lines (for the upline) are decided
 * here too, because the selling leader's order decides them. Calls must come in event-time order; every
 * call returns the ledger entries it made (double entry: a movement is a pair that sums to zero).
 */
public final class LeaderLedger implements Serializable {
    /** How a fraud review ended. */
    public enum Outcome { RELEASE, REVERSE }

    private static final long RETENTION_AFTER_CREDIT = 60L * 86_400_000L;

    private final String leaderId;
    private final long protectionWindowMillis;
    private String upline;
    private final Set<String> boundMembers = new HashSet<>();
    private final Set<String> bonusedMembers = new HashSet<>();
    private final Set<String> groupsOpenedByLeader = new HashSet<>();
    private final Map<String, List<String>> ordersByOpenGroup = new HashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final TreeMap<Long, List<String>> creditDue = new TreeMap<>();
    private final Set<String> openAlerts = new HashSet<>();

    public LeaderLedger(String leaderId, long protectionWindowMillis) {
        this.leaderId = requireNonNull(leaderId, "leaderId");
        this.protectionWindowMillis = protectionWindowMillis;
    }

    private static final class Order implements Serializable {
        final String orderId;
        final String groupId;
        final String memberId;
        final long paidCents;
        long refundedCents;
        boolean groupFailed;
        final List<String> lineIds = new ArrayList<>();
        long creditAt = Long.MAX_VALUE;

        Order(String orderId, String groupId, String memberId, long paidCents) {
            this.orderId = orderId;
            this.groupId = groupId;
            this.memberId = memberId;
            this.paidCents = paidCents;
        }
    }

    private static final class Line implements Serializable {
        final String lineId;
        final LineKind kind;
        final String beneficiary;
        final String sourceId;
        final String category;
        final long baseCents;
        final BigDecimal rate;
        final String rateId;
        final String rateCardVersion;
        Bucket bucket;
        long cents;
        Bucket unheld;          // where the line would be without the hold
        long creditAt = Long.MAX_VALUE;
        int movements;

        Line(String lineId, LineKind kind, String beneficiary, String sourceId, String category, long baseCents,
             BigDecimal rate, String rateId, String rateCardVersion) {
            this.lineId = lineId;
            this.kind = kind;
            this.beneficiary = beneficiary;
            this.sourceId = sourceId;
            this.category = category;
            this.baseCents = baseCents;
            this.rate = rate;
            this.rateId = rateId;
            this.rateCardVersion = rateCardVersion;
        }
    }

    public String leaderId() {
        return leaderId;
    }

    /** The leader was bound under an upline (RECRUITED): later orders pay the upline a second tier. */
    public void bindUpline(String uplineId) {
        if (uplineId != null && !uplineId.equals(leaderId)) {
            upline = uplineId;
        }
    }

    public String upline() {
        return upline;
    }

    /** A member signed up under this leader: their first confirmed order earns the new-member bonus. */
    public void bindMember(String memberId) {
        boundMembers.add(memberId);
    }

    public void groupOpened(String groupId, boolean byLeader) {
        if (byLeader) {
            groupsOpenedByLeader.add(groupId);
        }
    }

    /**
     * A paid order: a tier-1 line at {@code rate} and, with an upline, a tier-2 line of {@code secondTierShare}
     * of it. Lines start PENDING, or HELD while an alert is open.
     */
    public List<LedgerEntry> paid(String orderId, String groupId, String memberId, String category, long amountCents,
                                  BigDecimal rate, String rateId, String rateCardVersion, BigDecimal secondTierShare, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        if (orders.containsKey(orderId)) {
            return out; // paid once; a repeated PAID changes nothing
        }
        Order order = new Order(orderId, groupId, memberId, amountCents);
        orders.put(orderId, order);
        if (groupId != null) {
            ordersByOpenGroup.computeIfAbsent(groupId, g -> new ArrayList<>()).add(orderId);
        }
        long tier1 = CommissionMath.commissionCents(amountCents, rate);
        earn(order, LineKind.TIER1, leaderId, orderId, category, amountCents, rate, rateId, rateCardVersion, tier1, Bucket.PENDING, t,
                "PAID", out);
        if (upline != null) {
            long tier2 = CommissionMath.commissionCents(tier1, secondTierShare);
            earn(order, LineKind.TIER2, upline, orderId, category, tier1, secondTierShare, rateId, rateCardVersion, tier2, Bucket.PENDING, t,
                    "PAID", out);
        }
        return out;
    }

    /**
     * Picked up: the order's lines freeze until the window ends; a bound member's first pickup earns the bonus
     * (not an order of a failed group buy: those never earn).
     */
    public List<LedgerEntry> confirmed(String orderId, long newMemberBonusCents, String rateCardVersion, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        Order order = orders.get(orderId);
        if (order == null || order.creditAt != Long.MAX_VALUE) {
            return out; // unknown (paid before the data) or already confirmed
        }
        order.creditAt = t + protectionWindowMillis;
        for (String id : order.lineIds) {
            Line line = lines.get(id);
            if (line.bucket == Bucket.PENDING) {
                move(line, Bucket.FROZEN, line.cents, t, "CONFIRMED", "picked up; refund window until " + order.creditAt, out);
            } else if (line.bucket == Bucket.HELD && line.unheld == Bucket.PENDING) {
                line.unheld = Bucket.FROZEN;
            }
            scheduleCredit(line, order.creditAt);
        }
        if (!order.groupFailed && boundMembers.contains(order.memberId) && bonusedMembers.add(order.memberId) && newMemberBonusCents > 0) {
            Line bonus = earn(order, LineKind.NEW_MEMBER_BONUS, leaderId, orderId, null, order.paidCents, null, null, rateCardVersion,
                    newMemberBonusCents, Bucket.FROZEN, t, "CONFIRMED", out);
            scheduleCredit(bonus, order.creditAt);
        }
        return out;
    }

    /**
     * A refund takes back the commission on the refunded amount from wherever it is (a negative CREDITED
     * entry after crediting); a full refund takes back everything left, the new-member bonus included.
     */
    public List<LedgerEntry> refunded(String orderId, long refundCents, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        Order order = orders.get(orderId);
        if (order == null) {
            return out;
        }
        order.refundedCents += refundCents;
        boolean full = order.refundedCents >= order.paidCents;
        long tier1Claw = 0;
        for (String id : order.lineIds) {
            Line line = lines.get(id);
            if (!line.bucket.open() || line.cents == 0) {
                continue;
            }
            long claw = switch (line.kind) {
                case TIER1 -> tier1Claw = full ? line.cents : Math.min(line.cents, CommissionMath.commissionCents(refundCents, line.rate));
                case TIER2 -> full ? line.cents : Math.min(line.cents, CommissionMath.commissionCents(tier1Claw, line.rate));
                case NEW_MEMBER_BONUS -> full ? line.cents : 0;
                case GROUP_OPENING_BONUS -> 0;
            };
            if (claw > 0) {
                move(line, Bucket.CLAWED_BACK, claw, t, "REFUNDED", (full ? "full" : "partial") + " refund of " + refundCents + " cents", out);
            }
        }
        return out;
    }

    /** A group the leader opened formed: the group-opening bonus, frozen for the window like an order. */
    public List<LedgerEntry> groupFormed(String groupId, long bonusCents, String rateCardVersion, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        ordersByOpenGroup.remove(groupId);
        if (!groupsOpenedByLeader.remove(groupId) || bonusCents <= 0 || orders.containsKey("group:" + groupId)) {
            return out; // not the leader's, no bonus, or this group's bonus was already earned
        }
        Order holder = new Order(groupId, groupId, null, 0);
        holder.creditAt = t + protectionWindowMillis;
        orders.put("group:" + groupId, holder);
        Line bonus = earn(holder, LineKind.GROUP_OPENING_BONUS, leaderId, groupId, null, 0, null, null, rateCardVersion, bonusCents,
                Bucket.FROZEN, t, "GROUP_FORMED", out);
        scheduleCredit(bonus, holder.creditAt);
        return out;
    }

    /** A failed group buy: its orders never earn, whatever happened to them. */
    public List<LedgerEntry> groupFailed(String groupId, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        groupsOpenedByLeader.remove(groupId);
        for (String orderId : ordersByOpenGroup.getOrDefault(groupId, List.of())) {
            orders.get(orderId).groupFailed = true;
            for (String id : orders.get(orderId).lineIds) {
                Line line = lines.get(id);
                if (line.bucket.open() && line.cents > 0) {
                    move(line, Bucket.VOIDED, line.cents, t, "GROUP_FAILED", "group buy " + groupId + " failed", out);
                }
            }
        }
        ordersByOpenGroup.remove(groupId);
        return out;
    }

    /** A fraud alert on the leader: everything not yet credited is held until the review. */
    public List<LedgerEntry> alertOpened(String alertId, String why, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        if (!openAlerts.add(alertId) || openAlerts.size() > 1) {
            return out;
        }
        for (Line line : lines.values()) {
            if (line.bucket == Bucket.PENDING || line.bucket == Bucket.FROZEN) {
                Bucket was = line.bucket;
                move(line, Bucket.HELD, line.cents, t, "ALERT_OPENED", "fraud alert " + alertId + ": " + why, out);
                line.unheld = was;
            }
        }
        return out;
    }

    /** The review's outcome: REVERSE takes the held commission away; RELEASE (of the last open alert) gives it back. */
    public List<LedgerEntry> alertResolved(String alertId, Outcome outcome, String why, long t) {
        List<LedgerEntry> out = new ArrayList<>();
        if (!openAlerts.remove(alertId)) {
            return out;
        }
        if (outcome == Outcome.RELEASE && !openAlerts.isEmpty()) {
            return out; // still covered by another alert
        }
        for (Line line : lines.values()) {
            if (line.bucket != Bucket.HELD) {
                continue;
            }
            if (outcome == Outcome.REVERSE) {
                move(line, Bucket.REVERSED, line.cents, t, "ALERT_REVERSED", "fraud review " + alertId + ": " + why, out);
            } else {
                Bucket back = line.creditAt <= t ? Bucket.CREDITED : line.unheld;
                move(line, back, line.cents, t, "ALERT_RELEASED", "fraud review " + alertId + ": " + why, out);
            }
        }
        return out;
    }

    public boolean knowsOrder(String orderId) {
        return orders.containsKey(orderId);
    }

    public boolean hasOpenAlert(String alertId) {
        return openAlerts.contains(alertId);
    }

    public boolean underAlert() {
        return !openAlerts.isEmpty();
    }

    /** Credits what has waited out its window by {@code t} (held lines wait for their review). */
    public List<LedgerEntry> advanceTo(long t) {
        List<LedgerEntry> out = new ArrayList<>();
        while (!creditDue.isEmpty() && creditDue.firstKey() <= t) {
            Map.Entry<Long, List<String>> due = creditDue.pollFirstEntry();
            for (String id : due.getValue()) {
                Line line = lines.get(id);
                if (line != null && line.bucket == Bucket.FROZEN) {
                    move(line, Bucket.CREDITED, line.cents, due.getKey(), "WINDOW_PASSED", "refund window passed", out);
                }
            }
        }
        forgetSettledOrders(t);
        return out;
    }

    /** The next time {@link #advanceTo} has something to credit, or {@code Long.MAX_VALUE}. */
    public long nextCreditTime() {
        return creditDue.isEmpty() ? Long.MAX_VALUE : creditDue.firstKey();
    }

    private Line earn(Order order, LineKind kind, String beneficiary, String sourceId, String category, long baseCents,
                      BigDecimal rate, String rateId, String rateCardVersion, long cents, Bucket start, long t, String cause,
                      List<LedgerEntry> out) {
        String id = kind + ":" + sourceId + ":" + beneficiary;
        if (lines.containsKey(id)) {
            return lines.get(id); // a line is earned once, whatever repeats upstream
        }
        Line line = new Line(id, kind, beneficiary, sourceId, category, baseCents, rate, rateId, rateCardVersion);
        lines.put(id, line);
        order.lineIds.add(id);
        line.bucket = underAlert() ? Bucket.HELD : start;
        line.unheld = start;
        line.cents = cents;
        if (cents != 0) {
            out.add(entry(line, line.bucket, cents, t, cause, underAlert() ? "earned while a fraud alert is open: held" : "earned"));
        }
        return line;
    }

    /** Moves cents of a line between buckets: the whole line, or part of it into CLAWED_BACK. */
    private void move(Line line, Bucket to, long cents, long t, String cause, String reason, List<LedgerEntry> out) {
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

    private LedgerEntry entry(Line line, Bucket bucket, long cents, long t, String cause, String reason) {
        int n = ++line.movements;
        return new LedgerEntry(line.lineId + "#" + n, line.lineId, line.kind, line.beneficiary, leaderId, line.sourceId,
                line.category, line.baseCents, line.rate, line.rateId, line.rateCardVersion, bucket, cents, t, cause, reason);
    }

    private void scheduleCredit(Line line, long at) {
        line.creditAt = at;
        creditDue.computeIfAbsent(at, k -> new ArrayList<>()).add(line.lineId);
    }

    private void forgetSettledOrders(long t) {
        for (Iterator<Order> it = orders.values().iterator(); it.hasNext(); ) {
            Order order = it.next();
            if (order.creditAt == Long.MAX_VALUE || order.creditAt + RETENTION_AFTER_CREDIT > t) {
                continue;
            }
            boolean settled = order.lineIds.stream().map(lines::get).noneMatch(l -> l.bucket == Bucket.HELD || l.bucket == Bucket.FROZEN
                    || l.bucket == Bucket.PENDING);
            if (settled) {
                order.lineIds.forEach(lines::remove);
                it.remove();
            }
        }
    }
}
