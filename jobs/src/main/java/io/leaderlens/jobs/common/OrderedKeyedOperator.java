package io.leaderlens.jobs.common;

import static io.leaderlens.jobs.common.OrderedKeyedFunction.NONE;
import static io.leaderlens.jobs.common.OrderedKeyedFunction.NOT_LIVE;

import io.leaderlens.jobs.common.OrderedKeyedFunction.Keyed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
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
 * waiting input → keys — which the operator walks when a watermark arrives, before the watermark moves on. A timer
 * per input in Flink's timer queue (a hash set beside a heap per key group, checkpointed) was a sixth of the fraud
 * job's CPU. A key's end (its expiry) is found the same way, from a second index: as Flink timers, one per key, they
 * were a fifth of what the heap backend wrote at every checkpoint (each with its key again), for times the keyed
 * state holds anyway.
 *
 * <p>The indexes hold nothing the keyed state does not ({@link Keyed#waitingTimer}, {@link Keyed#cleanupTimer}): they
 * are not checkpointed but rebuilt from the state when the operator opens, so a restore or a rescale finds every
 * waiting input and every end. An entry may be stale (the key moved on since); it is then skipped. Timers in a
 * savepoint of an earlier build still fire, and find the key's state brought up to their time or ended already.
 *
 * <p>With {@link EarlyRelease}, a key's live inputs also go without the watermark: when the function finds them
 * complete, or when their wait is out (one processing-time timer for the operator, over the keys due per
 * {@link #TICK} — also derived, not checkpointed: after a restore the waiting inputs go by the watermark or with the
 * key's next input). The watermark still releases whatever is left, so nothing waits longer than without it.
 */
public final class OrderedKeyedOperator<K, IN, H, OUT> extends AbstractUdfStreamOperator<OUT, OrderedKeyedFunction<K, IN, H, OUT>>
        implements OneInputStreamOperator<IN, OUT>, Triggerable<K, VoidNamespace> {
    /** Timers of earlier builds (expiries, inputs); the name of a process function's timers, which their savepoints hold. */
    private static final String TIMERS = "user-timers";
    private static final String STATE = "keyed";

    private transient ValueStateDescriptor<Keyed<H, IN>> descriptor;
    private transient ValueState<Keyed<H, IN>> state;
    private transient Comparator<IN> order;
    private transient InternalTimerService<VoidNamespace> timers;
    /** the keys by the time of their earliest waiting input (derived from the state; not checkpointed) */
    private transient DueKeys<K> waiting;
    /** the keys by the time their history or other state may expire (derived from the state; not checkpointed) */
    private transient DueKeys<K> expiring;
    private transient Emitter emitter;

    /** {@code null}: inputs go only with the watermark */
    private final EarlyRelease early;
    /** keys with live inputs waiting, by the {@link #TICK} in which a wait of an input that put them here is out */
    private transient DueKeys<K> deadlines;
    /** the time the operator's processing-time timer is set for, or {@link OrderedKeyedFunction#NONE} */
    private transient long armedFor;
    private transient Counter releasedEarly;
    private transient Counter appliedOutOfOrder;

    /** Early release looks at keys in ticks of this many milliseconds: one timer and one look per key and tick. */
    static final long TICK = 20;

    OrderedKeyedOperator(OrderedKeyedFunction<K, IN, H, OUT> function, EarlyRelease early) {
        super(function);
        this.early = early;
    }

    @Override
    public void open() throws Exception {
        super.open();
        descriptor = new ValueStateDescriptor<>(STATE, userFunction.stateType());
        state = getPartitionedState(descriptor);
        order = userFunction.order();
        timers = getInternalTimerService(TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        emitter = new Emitter();
        waiting = new DueKeys<>();
        expiring = new DueKeys<>();
        deadlines = new DueKeys<>(true);
        armedFor = NONE;
        releasedEarly = getMetricGroup().counter("inputsReleasedEarly");
        appliedOutOfOrder = getMetricGroup().counter("inputsAppliedOutOfOrder");
        KeyedStateBackend<K> backend = getKeyedStateBackend();
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor,
                (K key, ValueState<Keyed<H, IN>> restored) -> {
                    Keyed<H, IN> k = restored.value();
                    if (k.waitingTimer != NONE) {
                        index(k.waitingTimer, key);
                    }
                    if (k.cleanupTimer != NONE) {
                        expiring.add(k.cleanupTimer, key);
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
        long t = userFunction.timeOf(input);
        if (early == null) {
            insertSorted(k, input, NOT_LIVE);
        } else {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            long within = early.liveWithin().toMillis();
            boolean live = t > now - within && t < now + within; // a replayed future (test worlds, a skewed clock) is not live
            insertSorted(k, input, live ? now : NOT_LIVE);
            if (live) {
                boolean released = userFunction.mayComplete(input) && releaseEarly(k, now, timers.currentWatermark());
                if (!k.waiting.isEmpty()) { // this input, or ones before it, still wait: look again when this one's waits are out
                    K key = currentKey();
                    deadlines.add(tickOf(now + early.minWait().toMillis()), key);
                    // a maximum wait as long as the live horizon is the watermark's: no deadline of its own
                    if (early.maxWait().compareTo(early.minWait()) > 0 && early.maxWait().compareTo(early.liveWithin()) < 0) {
                        deadlines.add(tickOf(now + early.maxWait().toMillis()), key);
                    }
                    arm(deadlines.first());
                }
                if (released) {
                    return; // stored by the release
                }
            }
        }
        if (k.waitingTimer == NONE || t < k.waitingTimer) {
            index(t, currentKey());
            k.waitingTimer = t;
        }
        state.update(k);
    }

    /**
     * Applies the current key's longest run of waiting inputs, from the first, that are live and complete or have
     * waited long enough ({@code now}: processing time); stores the key's state as of {@code watermark} and returns
     * true if any went.
     */
    private boolean releaseEarly(Keyed<H, IN> k, long now, long watermark) throws Exception {
        if (k.arrivals == null) {
            return false; // all waiting since before early release (restored from an older savepoint): the watermark's
        }
        long waitedLeast = now - early.minWait().toMillis();
        long waitedMost = now - early.maxWait().toMillis();
        int go = 0;
        while (go < k.waiting.size()) {
            long arrived = k.arrivals.get(go);
            IN input = k.waiting.get(go);
            boolean goes = arrived != NOT_LIVE && (arrived <= waitedMost
                    || (arrived <= waitedLeast && userFunction.complete(k.waiting, go))
                    || (go > 0 && userFunction.goesWith(input, k.waiting.get(go - 1))));
            if (!goes) {
                break;
            }
            go++;
        }
        if (go == 0) {
            return false;
        }
        releasedEarly.inc(go);
        long indexed = k.waitingTimer;
        applyFirst(k, go);
        if (k.waitingTimer != NONE && k.waitingTimer != indexed) {
            index(k.waitingTimer, currentKey());
        }
        store(k, watermark);
        return true;
    }

    /** Lets the keys whose wait is out through (the operator's processing-time timer), then sets it for the next. */
    private void onDeadline(long time) throws Exception {
        if (time != armedFor) {
            return; // superseded by an earlier timer, which has set the next one
        }
        armedFor = NONE;
        long now = Math.max(time, getProcessingTimeService().getCurrentProcessingTime());
        long watermark = timers.currentWatermark();
        deadlines.takeDue(now, (tick, key) -> {
            setCurrentKey(key);
            Keyed<H, IN> k = state.value();
            if (k != null && !k.waiting.isEmpty()) { // else a stale entry: the watermark or an earlier deadline took them
                releaseEarly(k, now, watermark);
            }
        });
        if (deadlines.first() != Long.MAX_VALUE) {
            arm(deadlines.first());
        }
    }

    /** The end of the tick {@code time} falls in: a deadline is looked at no earlier than it is due. */
    private static long tickOf(long time) {
        return Math.floorDiv(time + TICK - 1, TICK) * TICK;
    }

    private void arm(long at) {
        if (armedFor == NONE || at < armedFor) { // an earlier timer stays set: it finds nothing due and sets the next
            armedFor = at;
            getProcessingTimeService().registerTimer(at, this::onDeadline);
        }
    }

    /** Applies every key's inputs the watermark has passed, ends the keys it has passed the expiry of, and passes it on. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long now = mark.getTimestamp();
        advanceDue(waiting, now, k -> k.waitingTimer);
        advanceDue(expiring, now, k -> k.cleanupTimer);
        super.processWatermark(mark);
    }

    /** Advances the keys {@code index} has due by {@code now}, skipping stale entries (the key's {@code due} has moved on). */
    private void advanceDue(DueKeys<K> index, long now, ToLongFunction<Keyed<H, IN>> due) throws Exception {
        index.takeDue(now, (time, key) -> {
            setCurrentKey(key);
            Keyed<H, IN> k = state.value();
            if (k != null && due.applyAsLong(k) != NONE && due.applyAsLong(k) <= now) {
                advance(k, now);
            }
        });
    }

    /** From a savepoint of an earlier build: an expiry, or an input's timer (both found by the indexes now). */
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
            applyFirst(k, due);
            if (k.waitingTimer != NONE) {
                index(k.waitingTimer, currentKey());
            }
            if (early != null && !k.waiting.isEmpty() // live inputs behind what went may be due already: their deadlines passed
                    && releaseEarly(k, getProcessingTimeService().getCurrentProcessingTime(), now)) {
                return; // stored by the release
            }
        }
        store(k, now);
    }

    /**
     * Applies the key's first {@code count} waiting inputs, one call per time. Under early release an input behind
     * the key's latest applied time is applied at that time (see {@link OrderedKeyedFunction#at}); without it
     * nothing behind the watermark reaches a stage, and late inputs may be due beside this time's.
     */
    private void applyFirst(Keyed<H, IN> k, int count) throws Exception {
        List<IN> inputs = new ArrayList<>(count);
        long[] ownTimes = null; // of the inputs applied later than their time; NONE for the others
        for (int i = 0; i < count; i++) {
            IN input = k.waiting.get(i);
            long own = userFunction.timeOf(input);
            if (early != null && k.appliedThrough != NONE && own < k.appliedThrough) {
                input = userFunction.at(input, k.appliedThrough);
                appliedOutOfOrder.inc();
                if (ownTimes == null) {
                    ownTimes = new long[count];
                    Arrays.fill(ownTimes, NONE);
                }
                ownTimes[i] = own;
            }
            inputs.add(input);
        }
        int from = 0;
        while (from < count) {
            long time = userFunction.timeOf(inputs.get(from));
            long own = ownTime(ownTimes, from);
            // inputs applied later than their time go together by their own time (an order and its parts at the leader's),
            // so that what they emit gets that time back
            int to = from + 1;
            while (to < count && userFunction.timeOf(inputs.get(to)) == time && ownTime(ownTimes, to) == own) {
                to++;
            }
            H history = k.history != null && userFunction.expiresAt(k.history) <= time ? null : k.history;
            emitter.timestamp = own == NONE ? time : own;
            emitter.ownTime = own;
            k.history = userFunction.apply(history, new ArrayList<>(inputs.subList(from, to)), time, emitter, emitter);
            emitter.ownTime = NONE;
            k.appliedThrough = Math.max(k.appliedThrough, time);
            from = to;
        }
        k.waiting.subList(0, count).clear();
        if (k.arrivals != null) {
            k.arrivals.subList(0, count).clear();
        }
        k.waitingTimer = k.waiting.isEmpty() ? NONE : userFunction.timeOf(k.waiting.get(0));
    }

    private static long ownTime(long[] ownTimes, int i) {
        return ownTimes == null ? NONE : ownTimes[i];
    }

    /** Drops what expired by {@code now}, arms the next expiry, and stores the key's state (or clears it: nothing left). */
    private void store(Keyed<H, IN> k, long now) throws Exception {
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
                expiring.add(next, currentKey());
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

    private void insertSorted(Keyed<H, IN> k, IN input, long arrival) {
        int at = k.waiting.size();
        if (at > 0 && order.compare(k.waiting.get(at - 1), input) > 0) {
            // inputs come mostly in time order (usually the end); a feature part comes after later orders of its
            // leader, and a hot leader's list is long: the first input after it, by halving
            int low = 0;
            int high = at - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (order.compare(k.waiting.get(mid), input) > 0) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            at = low;
        }
        k.waiting.add(at, input);
        if (early != null) {
            if (k.arrivals == null) { // kept without early release, or restored from before it
                k.arrivals = new ArrayList<>(k.waiting.size());
                while (k.arrivals.size() < k.waiting.size() - 1) {
                    k.arrivals.add(NOT_LIVE);
                }
            }
            k.arrivals.add(at, arrival);
        }
    }

    /** How many index entries wait for the watermark (stale ones included): for tests of the operator's end. */
    public int indexedForTesting() {
        return waiting.size();
    }

    /** How many index entries wait for the watermark to end a key (stale ones included): for tests of the operator's end. */
    public int expiringForTesting() {
        return expiring.size();
    }

    /** How many inputs wait, over all keys: for tests of what early release lets through. */
    public int waitingInputsForTesting() throws Exception {
        int[] n = {0};
        KeyedStateBackend<K> backend = getKeyedStateBackend();
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor,
                (K key, ValueState<Keyed<H, IN>> keyed) -> n[0] += keyed.value().waiting.size());
        return n[0];
    }

    /** How many deadlines of early release are queued (stale ones included): for tests of the operator's end. */
    public int deadlinesForTesting() {
        return deadlines.size();
    }

    /** The function's main and side outputs, stamped with the event time being applied. */
    private final class Emitter implements Collector<OUT>, OrderedKeyedFunction.Context {
        private final StreamRecord<OUT> reuse = new StreamRecord<>(null);
        long timestamp;
        /** the own time of the input being applied later than it (NONE: applied at its time) */
        long ownTime = NONE;

        @Override
        public void collect(OUT value) {
            output.collect(reuse.replace(withOwnTime(value), timestamp));
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, new StreamRecord<>(withOwnTime(value), timestamp));
        }

        private <X> X withOwnTime(X value) {
            return ownTime == NONE ? value : userFunction.emittedAt(value, ownTime);
        }

        @Override
        public void close() {}
    }
}
