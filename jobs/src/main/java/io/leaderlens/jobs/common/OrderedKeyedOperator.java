package io.leaderlens.jobs.common;

import static io.leaderlens.jobs.common.OrderedKeyedFunction.NONE;

import io.leaderlens.jobs.common.OrderedKeyedFunction.Keyed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs an {@link OrderedKeyedFunction} on a keyed stream. Inputs wait in the key's state until the watermark
 * passes them; the keys with inputs waiting are found from an index in memory — time of a key's earliest
 * waiting input → keys — which the operator walks when a watermark arrives, before the expiry timers fire and
 * the watermark moves on. A timer per input in Flink's timer queue (a hash set beside a heap per key group,
 * checkpointed) was a sixth of the fraud job's CPU; expiries, one per key and far apart, stay timers.
 *
 * <p>The index holds nothing the keyed state does not ({@link Keyed#waitingTimer}): it is not checkpointed but
 * rebuilt from the state when the operator opens, so a restore or a rescale finds every waiting input. An
 * entry may be stale (the key's inputs went through under an earlier time); it is then skipped.
 */
public final class OrderedKeyedOperator<K, IN, H, OUT> extends AbstractUdfStreamOperator<OUT, OrderedKeyedFunction<K, IN, H, OUT>>
        implements OneInputStreamOperator<IN, OUT>, Triggerable<K, VoidNamespace> {
    /** The expiry timers; the name of a process function's timers, which savepoints before this operator hold. */
    private static final String TIMERS = "user-timers";
    private static final String STATE = "keyed";

    private transient ValueState<Keyed<H, IN>> state;
    private transient Comparator<IN> order;
    private transient InternalTimerService<VoidNamespace> timers;
    /** the keys by the time of their earliest waiting input (derived from the state; not checkpointed) */
    private transient DueKeys<K> waiting;
    private transient Emitter emitter;

    OrderedKeyedOperator(OrderedKeyedFunction<K, IN, H, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<Keyed<H, IN>> descriptor = new ValueStateDescriptor<>(STATE, userFunction.stateType());
        state = getPartitionedState(descriptor);
        order = userFunction.order();
        timers = getInternalTimerService(TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        emitter = new Emitter();
        waiting = new DueKeys<>();
        KeyedStateBackend<K> backend = getKeyedStateBackend();
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor,
                (K key, ValueState<Keyed<H, IN>> restored) -> {
                    long due = restored.value().waitingTimer;
                    if (due != NONE) {
                        index(due, key);
                    }
                });
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        IN input = record.getValue();
        Keyed<H, IN> k = state.value();
        if (k == null) {
            k = new Keyed<>();
        }
        insertSorted(k.waiting, input);
        long t = userFunction.timeOf(input);
        if (k.waitingTimer == NONE || t < k.waitingTimer) {
            index(t, currentKey());
            k.waitingTimer = t;
        }
        state.update(k);
    }

    /** Applies every key's inputs the watermark has passed, then lets expiry timers fire and passes it on. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long now = mark.getTimestamp();
        waiting.takeDue(now, (time, key) -> {
            setCurrentKey(key);
            Keyed<H, IN> k = state.value();
            if (k != null && k.waitingTimer != NONE && k.waitingTimer <= now) { // else a stale entry
                advance(k, now);
            }
        });
        super.processWatermark(mark);
    }

    /** An expiry (or, from a savepoint taken before the index, an input's timer). */
    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        Keyed<H, IN> k = state.value();
        if (k != null) {
            advance(k, timer.getTimestamp());
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {}

    /** Brings the current key to {@code now}: applies the inputs due, drops what expired, arms the next expiry. */
    private void advance(Keyed<H, IN> k, long now) throws Exception {
        if (k.waitingTimer != NONE && k.waitingTimer <= now) {
            int due = 0;
            while (due < k.waiting.size() && userFunction.timeOf(k.waiting.get(due)) <= now) {
                due++;
            }
            int from = 0;
            while (from < due) { // one call per event time: late inputs may be due beside this time's
                long time = userFunction.timeOf(k.waiting.get(from));
                int to = from;
                while (to < due && userFunction.timeOf(k.waiting.get(to)) == time) {
                    to++;
                }
                H history = k.history != null && userFunction.expiresAt(k.history) <= time ? null : k.history;
                emitter.timestamp = time;
                k.history = userFunction.apply(history, new ArrayList<>(k.waiting.subList(from, to)), time, emitter, emitter);
                from = to;
            }
            k.waiting.subList(0, due).clear();
            k.waitingTimer = k.waiting.isEmpty() ? NONE : userFunction.timeOf(k.waiting.get(0));
            if (k.waitingTimer != NONE) {
                index(k.waitingTimer, currentKey());
            }
        }
        if (k.cleanupTimer != NONE && k.cleanupTimer <= now) {
            k.cleanupTimer = NONE;
            expire(k, now);
        }
        if (k.cleanupTimer == NONE) {
            long next = nextExpiry(k);
            if (next != NONE && next <= now) { // ended already (an input that kept nothing)
                expire(k, now);
                next = nextExpiry(k);
            }
            if (next != NONE) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, next);
                k.cleanupTimer = next;
            }
        }
        if (k.history == null && k.waiting.isEmpty() && k.cleanupTimer == NONE) {
            state.clear();
        } else {
            state.update(k);
        }
    }

    private void expire(Keyed<H, IN> k, long now) throws Exception {
        if (k.history != null && userFunction.expiresAt(k.history) <= now) {
            k.history = null;
        }
        userFunction.expireOther(now);
    }

    private long nextExpiry(Keyed<H, IN> k) throws Exception {
        long history = k.history == null ? NONE : userFunction.expiresAt(k.history);
        long other = userFunction.otherExpiry();
        return history == NONE ? other : other == NONE ? history : Math.min(history, other);
    }

    private void index(long time, K key) {
        waiting.add(time, key);
    }

    @SuppressWarnings("unchecked")
    private K currentKey() {
        return (K) getCurrentKey();
    }

    private void insertSorted(List<IN> inputs, IN input) {
        int at = inputs.size();
        while (at > 0 && order.compare(inputs.get(at - 1), input) > 0) {
            at--; // inputs come mostly in time order: this is usually the end
        }
        inputs.add(at, input);
    }

    /** How many index entries wait for the watermark (stale ones included): for tests of the operator's end. */
    public int indexedForTesting() {
        return waiting.size();
    }

    /** The function's main and side outputs, stamped with the event time being applied. */
    private final class Emitter implements Collector<OUT>, OrderedKeyedFunction.Context {
        private final StreamRecord<OUT> reuse = new StreamRecord<>(null);
        long timestamp;

        @Override
        public void collect(OUT value) {
            output.collect(reuse.replace(value, timestamp));
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, new StreamRecord<>(value, timestamp));
        }

        @Override
        public void close() {}
    }
}
