package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.engine.CommissionStore;
import io.leaderlens.commissions.engine.RateBook;
import io.leaderlens.commissions.ledger.BoundMember;
import io.leaderlens.commissions.ledger.LedgerOrder;
import io.leaderlens.commissions.ledger.LedgerSummary;
import io.leaderlens.commissions.ledger.OpenGroup;
import io.leaderlens.commissions.standing.StandingWindow;
import io.leaderlens.jobs.types.JobTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * One selling leader's commission state in Flink keyed state, piece by piece: a map entry per open order (with
 * its lines), bound member and open group buy, small values for the summary, the trailing standing and the
 * published rates. The state handles follow the current key, so one store serves every leader of a subtask.
 *
 * <p>Due times are kept as event-time timers (one per distinct time), which fire in time order: when a timer
 * fires, everything due earlier has been taken already, so the only time that can be due is the timer's own.
 */
final class KeyedCommissionStore implements CommissionStore {
    private final ValueState<LedgerSummary> summary;
    private final MapState<String, LedgerOrder> orders;
    private final MapState<String, BoundMember> members;
    private final MapState<String, OpenGroup> groups;
    private final MapState<Long, List<String>> due;
    private final ValueState<StandingWindow> standing;
    private final ValueState<RateBook> rates;
    private TimerService timers;

    KeyedCommissionStore(RuntimeContext context) {
        summary = context.getState(new ValueStateDescriptor<>("summary", JobTypes.of(LedgerSummary.class)));
        orders = context.getMapState(new MapStateDescriptor<>("orders", Types.STRING, LedgerOrderTypeInfo.INSTANCE));
        members = context.getMapState(new MapStateDescriptor<>("bound-members", Types.STRING, JobTypes.of(BoundMember.class)));
        groups = context.getMapState(new MapStateDescriptor<>("open-groups", Types.STRING, JobTypes.of(OpenGroup.class)));
        due = context.getMapState(new MapStateDescriptor<>("due", Types.LONG, Types.LIST(Types.STRING)));
        standing = context.getState(new ValueStateDescriptor<>("standing", JobTypes.of(StandingWindow.class)));
        rates = context.getState(new ValueStateDescriptor<>("rates", JobTypes.of(RateBook.class)));
    }

    /** The timer service of the call in progress: scheduling registers a timer. */
    KeyedCommissionStore at(TimerService timers) {
        this.timers = timers;
        return this;
    }

    /** Drops everything of the current leader. */
    void clear() {
        summary.clear();
        orders.clear();
        members.clear();
        groups.clear();
        due.clear();
        standing.clear();
        rates.clear();
    }

    /** True when nothing of the leader is open: no order, member, group or anything due. */
    boolean settled() throws Exception {
        return orders.isEmpty() && members.isEmpty() && groups.isEmpty() && due.isEmpty();
    }

    @Override
    public LedgerSummary summary() {
        LedgerSummary s = read(summary);
        return s != null ? s : new LedgerSummary();
    }

    @Override
    public void putSummary(LedgerSummary s) {
        write(summary, s);
    }

    @Override
    public LedgerOrder order(String orderId) {
        try {
            return orders.get(orderId);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void putOrder(LedgerOrder order) {
        try {
            orders.put(order.orderId, order);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void removeOrder(String orderId) {
        try {
            orders.remove(orderId);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public Iterable<LedgerOrder> orders() {
        try {
            List<LedgerOrder> all = new ArrayList<>();
            orders.values().forEach(all::add);
            return all;
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public BoundMember member(String memberId) {
        try {
            return memberId == null ? null : members.get(memberId);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void putMember(String memberId, BoundMember member) {
        try {
            members.put(memberId, member);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void removeMember(String memberId) {
        try {
            members.remove(memberId);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public OpenGroup group(String groupId) {
        try {
            return groups.get(groupId);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void putGroup(String groupId, OpenGroup group) {
        try {
            groups.put(groupId, group);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void removeGroup(String groupId) {
        try {
            groups.remove(groupId);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void schedule(long time, String ref) {
        try {
            List<String> refs = due.get(time);
            if (refs == null) {
                refs = new ArrayList<>(1);
                timers.registerEventTimeTimer(time);
            } else if (refs.contains(ref)) {
                return;
            }
            refs.add(ref);
            due.put(time, refs);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public List<Long> dueTimes(long t) {
        try {
            return due.contains(t) ? List.of(t) : List.of(); // earlier times were taken when their timers fired
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public List<String> takeDue(long time) {
        try {
            List<String> refs = due.get(time);
            due.remove(time);
            return refs == null ? List.of() : refs;
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public long nextDueTime() {
        throw new UnsupportedOperationException("due times are event-time timers in the job");
    }

    @Override
    public StandingWindow standing() {
        StandingWindow w = read(standing);
        return w != null ? w : new StandingWindow();
    }

    @Override
    public void putStanding(StandingWindow w) {
        write(standing, w);
    }

    @Override
    public RateBook rates() {
        RateBook b = read(rates);
        return b != null ? b : new RateBook();
    }

    @Override
    public void putRates(RateBook b) {
        write(rates, b);
    }

    private static <T> T read(ValueState<T> state) {
        try {
            return state.value();
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    private static <T> void write(ValueState<T> state, T value) {
        try {
            state.update(value);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }
}
