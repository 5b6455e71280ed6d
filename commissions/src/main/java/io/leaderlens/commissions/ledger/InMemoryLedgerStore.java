package io.leaderlens.commissions.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A ledger's state in plain maps: for tests, recomputations and replays. */
public class InMemoryLedgerStore implements LedgerStore {
    private LedgerSummary summary = new LedgerSummary();
    private final Map<String, LedgerOrder> orders = new HashMap<>();
    private final Map<String, BoundMember> members = new HashMap<>();
    private final Map<String, OpenGroup> groups = new HashMap<>();
    private final TreeMap<Long, LinkedHashSet<String>> due = new TreeMap<>();

    @Override
    public LedgerSummary summary() {
        return summary;
    }

    @Override
    public void putSummary(LedgerSummary summary) {
        this.summary = summary;
    }

    @Override
    public LedgerOrder order(String orderId) {
        return orders.get(orderId);
    }

    @Override
    public void putOrder(LedgerOrder order) {
        orders.put(order.orderId, order);
    }

    @Override
    public void removeOrder(String orderId) {
        orders.remove(orderId);
    }

    @Override
    public Iterable<LedgerOrder> orders() {
        return new ArrayList<>(orders.values());
    }

    @Override
    public BoundMember member(String memberId) {
        return members.get(memberId);
    }

    @Override
    public void putMember(String memberId, BoundMember member) {
        members.put(memberId, member);
    }

    @Override
    public void removeMember(String memberId) {
        members.remove(memberId);
    }

    @Override
    public OpenGroup group(String groupId) {
        return groups.get(groupId);
    }

    @Override
    public void putGroup(String groupId, OpenGroup group) {
        groups.put(groupId, group);
    }

    @Override
    public void removeGroup(String groupId) {
        groups.remove(groupId);
    }

    @Override
    public void schedule(long time, String ref) {
        due.computeIfAbsent(time, t -> new LinkedHashSet<>()).add(ref);
    }

    @Override
    public List<Long> dueTimes(long t) {
        return new ArrayList<>(due.headMap(t, true).keySet());
    }

    @Override
    public List<String> takeDue(long time) {
        LinkedHashSet<String> refs = due.remove(time);
        return refs == null ? List.of() : new ArrayList<>(refs);
    }

    @Override
    public long nextDueTime() {
        return due.isEmpty() ? Long.MAX_VALUE : due.firstKey();
    }

    /** How many orders, members, groups and due times are held: what a leader's state weighs. */
    public int size() {
        return orders.size() + members.size() + groups.size() + due.size();
    }
}
