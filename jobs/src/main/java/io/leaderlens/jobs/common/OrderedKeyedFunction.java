package io.leaderlens.jobs.common;

import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed function that applies its inputs in event-time order: inputs wait in state until the watermark
 * passes them, then go through sorted by the canonical order (time, then id), so the result does not depend
 * on which partition an input came from or on the parallelism. Every key also has an end: one cleanup timer
 * per key, re-armed while the key stays active, lets the subclass drop what has expired (its histories are
 * written so that an expired history reads as absent, so dropping it changes nothing).
 */
public abstract class OrderedKeyedFunction<K, IN, OUT> extends KeyedProcessFunction<K, IN, OUT> {
    /** No time: nothing to expire. */
    public static final long NONE = Long.MIN_VALUE;

    private final TypeInformation<IN> inputType;
    private transient EventTimeBuffer<IN> waiting;
    private transient ValueState<Long> cleanupTimer;

    protected OrderedKeyedFunction(TypeInformation<IN> inputType) {
        this.inputType = inputType;
    }

    /** The input's event time. */
    protected abstract long timeOf(IN input);

    /** Ties at the same event time, in canonical order (by event id). */
    protected abstract Comparator<IN> ties();

    /** Opens the subclass's own state. */
    protected abstract void openState(OpenContext context) throws Exception;

    /** Applies the key's inputs of one event time, in canonical order. */
    protected abstract void apply(List<IN> due, long time, Context ctx, Collector<OUT> out) throws Exception;

    /** When the key's state can next be dropped (wholly or in part), or {@link #NONE} when it holds nothing. */
    protected abstract long nextExpiry() throws Exception;

    /** Drops what has expired by {@code time}. */
    protected abstract void expire(long time) throws Exception;

    @Override
    public final void open(OpenContext context) throws Exception {
        waiting = EventTimeBuffer.create(getRuntimeContext(), inputType);
        cleanupTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
        openState(context);
    }

    @Override
    public final void processElement(IN input, Context ctx, Collector<OUT> out) throws Exception {
        waiting.hold(input, timeOf(input), ctx.timerService());
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        List<IN> due = waiting.release(timestamp);
        if (!due.isEmpty()) {
            due.sort(ties());
            apply(due, timestamp, ctx, out);
        }
        Long armed = cleanupTimer.value();
        if (armed != null && armed <= timestamp) {
            expire(timestamp);
            armed = null;
        }
        if (armed == null) {
            long next = nextExpiry();
            if (next != NONE && next <= timestamp) {
                expire(timestamp);
                next = nextExpiry();
            }
            if (next == NONE) {
                cleanupTimer.clear();
            } else {
                ctx.timerService().registerEventTimeTimer(next);
                cleanupTimer.update(next);
            }
        }
    }
}
