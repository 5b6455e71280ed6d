package io.leaderlens.commissions.ledger;

import java.util.List;

/**
 * Where one selling leader's ledger keeps its state, piece by piece, so a stream processor can hold each piece
 * in its own keyed state (a map entry per open order, member, group) instead of one object per leader.
 * {@link LeaderLedger} writes back every piece it changes. {@link InMemoryLedgerStore} serves tests and
 * replays.
 */
public interface LedgerStore {
    /** Never null: a new summary when the leader has none. */
    LedgerSummary summary();

    void putSummary(LedgerSummary summary);

    LedgerOrder order(String orderId);

    void putOrder(LedgerOrder order);

    void removeOrder(String orderId);

    /** Every order held (holds and releases walk them all), in no particular order. */
    Iterable<LedgerOrder> orders();

    BoundMember member(String memberId);

    void putMember(String memberId, BoundMember member);

    void removeMember(String memberId);

    OpenGroup group(String groupId);

    void putGroup(String groupId, OpenGroup group);

    void removeGroup(String groupId);

    /** Something of {@code ref} (an order to credit or forget, a member or group to forget) is due at {@code time}. */
    void schedule(long time, String ref);

    /** Due times up to {@code t}, ascending, still to be taken. */
    List<Long> dueTimes(long t);

    /** What was scheduled at exactly {@code time}, removed. */
    List<String> takeDue(long time);

    /** The earliest due time, or {@code Long.MAX_VALUE}. */
    long nextDueTime();
}
