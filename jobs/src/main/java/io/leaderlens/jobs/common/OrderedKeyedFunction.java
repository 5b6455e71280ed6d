package io.leaderlens.jobs.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed function that applies its inputs in event-time order to the key's history: inputs wait until the
 * watermark passes them, then go through in the canonical order (time, then id), so the result does not depend
 * on which partition an input came from or on the parallelism. Every key also has an end: when its history
 * expires ({@link #expiresAt}) it is dropped by an event-time timer, one per key, re-armed while the key stays
 * active. Histories are written so that an expired one reads as absent, so dropping it changes nothing.
 *
 * <p>A key's whole state is one value ({@link Keyed}): the history, the inputs still waiting (sorted) and the
 * timers armed — one read and one write per input and per timer.
 */
public abstract class OrderedKeyedFunction<K, IN, H, OUT> extends KeyedProcessFunction<K, IN, OUT> {
    /** No time: nothing armed, nothing to expire. */
    public static final long NONE = Long.MIN_VALUE;

    /** One key's state: its history, the inputs waiting for the watermark, and the timers armed for them. */
    public static final class Keyed<H, IN> {
        public H history;
        /** sorted by time, then ties */
        public List<IN> waiting = new ArrayList<>(2);
        /** the timer armed for the earliest waiting input */
        public long waitingTimer = NONE;
        public long cleanupTimer = NONE;

        public Keyed() {}
    }

    private final TypeInformation<IN> inputType;
    private final TypeInformation<H> historyType;
    private transient ValueState<Keyed<H, IN>> state;
    private transient Comparator<IN> order;

    /** @param historyType the key's history; {@code Types.VOID} for a function whose state lives elsewhere */
    protected OrderedKeyedFunction(TypeInformation<IN> inputType, TypeInformation<H> historyType) {
        this.inputType = inputType;
        this.historyType = historyType;
    }

    /** The input's event time. */
    protected abstract long timeOf(IN input);

    /** Ties at the same event time, in canonical order (by event id). */
    protected abstract Comparator<IN> ties();

    /**
     * Applies the key's inputs of one event time, in canonical order, to its history ({@code null} when it has
     * none, or it had expired); returns the history to keep ({@code null}: nothing).
     */
    protected abstract H apply(H history, List<IN> due, long time, Context ctx, Collector<OUT> out) throws Exception;

    /** When the history expires ({@link #NONE}: never holds anything). */
    protected abstract long expiresAt(H history);

    /** Opens state the function keeps outside the history (the recruitment graph). */
    protected void openOther(OpenContext context) throws Exception {}

    /** When state kept outside the history can next be dropped, or {@link #NONE}. */
    protected long otherExpiry() throws Exception {
        return NONE;
    }

    /** Drops state kept outside the history that has expired by {@code time}. */
    protected void expireOther(long time) throws Exception {}

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public final void open(OpenContext context) throws Exception {
        TypeInformation<Keyed<H, IN>> type = (TypeInformation) Types.POJO(Keyed.class, Map.of("history", historyType,
                "waiting", Types.LIST(inputType), "waitingTimer", Types.LONG, "cleanupTimer", Types.LONG));
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("keyed", type));
        order = Comparator.<IN>comparingLong(this::timeOf).thenComparing(ties());
        openOther(context);
    }

    @Override
    public final void processElement(IN input, Context ctx, Collector<OUT> out) throws Exception {
        Keyed<H, IN> k = state.value();
        if (k == null) {
            k = new Keyed<>();
        }
        insertSorted(k.waiting, input);
        long t = timeOf(input);
        if (k.waitingTimer == NONE || t < k.waitingTimer) {
            ctx.timerService().registerEventTimeTimer(t);
            k.waitingTimer = t;
        }
        state.update(k);
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        Keyed<H, IN> k = state.value();
        if (k == null) {
            return;
        }
        if (k.waitingTimer != NONE && k.waitingTimer <= timestamp) {
            int due = 0;
            while (due < k.waiting.size() && timeOf(k.waiting.get(due)) <= timestamp) {
                due++;
            }
            int from = 0;
            while (from < due) { // one call per event time: late inputs may be due beside this time's
                long time = timeOf(k.waiting.get(from));
                int to = from;
                while (to < due && timeOf(k.waiting.get(to)) == time) {
                    to++;
                }
                H history = k.history != null && expiresAt(k.history) <= time ? null : k.history;
                k.history = apply(history, new ArrayList<>(k.waiting.subList(from, to)), time, ctx, out);
                from = to;
            }
            k.waiting.subList(0, due).clear();
            k.waitingTimer = k.waiting.isEmpty() ? NONE : timeOf(k.waiting.get(0));
            if (k.waitingTimer != NONE) {
                ctx.timerService().registerEventTimeTimer(k.waitingTimer);
            }
        }
        if (k.cleanupTimer != NONE && k.cleanupTimer <= timestamp) {
            k.cleanupTimer = NONE;
            if (k.history != null && expiresAt(k.history) <= timestamp) {
                k.history = null;
            }
            expireOther(timestamp);
        }
        if (k.cleanupTimer == NONE) {
            long next = earliest(k.history == null ? NONE : expiresAt(k.history), otherExpiry());
            if (next != NONE && next <= timestamp) { // ended already (an input that kept nothing)
                if (k.history != null && expiresAt(k.history) <= timestamp) {
                    k.history = null;
                }
                expireOther(timestamp);
                next = earliest(k.history == null ? NONE : expiresAt(k.history), otherExpiry());
            }
            if (next != NONE) {
                ctx.timerService().registerEventTimeTimer(next);
                k.cleanupTimer = next;
            }
        }
        if (k.history == null && k.waiting.isEmpty() && k.cleanupTimer == NONE) {
            state.clear();
        } else {
            state.update(k);
        }
    }

    private void insertSorted(List<IN> waiting, IN input) {
        int at = waiting.size();
        while (at > 0 && order.compare(waiting.get(at - 1), input) > 0) {
            at--; // inputs come mostly in time order: this is usually the end
        }
        waiting.add(at, input);
    }

    private static long earliest(long a, long b) {
        return a == NONE ? b : b == NONE ? a : Math.min(a, b);
    }
}
