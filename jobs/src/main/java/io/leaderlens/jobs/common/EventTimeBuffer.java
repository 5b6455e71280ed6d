package io.leaderlens.jobs.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Keyed state that holds elements until the watermark passes their event time, so a function can apply
 * them in event-time order: {@link #hold} registers one event-time timer per distinct time, and the
 * function's {@code onTimer} takes what is due with {@link #release}. An element behind the watermark is
 * released at the next timer.
 */
public final class EventTimeBuffer<T> {
    private final MapState<Long, List<T>> waiting;

    private EventTimeBuffer(MapState<Long, List<T>> waiting) {
        this.waiting = waiting;
    }

    /** Call from {@code open}: the buffer's state is named "waiting" in the function's keyed state. */
    public static <T> EventTimeBuffer<T> create(RuntimeContext context, TypeInformation<T> type) {
        return new EventTimeBuffer<>(context.getMapState(new MapStateDescriptor<>("waiting", Types.LONG, Types.LIST(type))));
    }

    public void hold(T element, long time, TimerService timers) throws Exception {
        List<T> at = waiting.get(time);
        if (at == null) {
            at = new ArrayList<>(2);
            timers.registerEventTimeTimer(time);
        }
        at.add(element);
        waiting.put(time, at);
    }

    /** What was held for {@code time}, in arrival order, removed from state; empty when nothing was. */
    public List<T> release(long time) throws Exception {
        List<T> due = waiting.get(time);
        if (due == null) {
            return new ArrayList<>();
        }
        waiting.remove(time);
        return new ArrayList<>(due);
    }
}
