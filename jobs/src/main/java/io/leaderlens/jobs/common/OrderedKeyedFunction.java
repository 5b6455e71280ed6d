package io.leaderlens.jobs.common;

import io.leaderlens.events.Retimable;
import io.leaderlens.jobs.types.BufferedTypeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A keyed function that applies its inputs in event-time order to the key's history: inputs wait until the
 * watermark passes them, then go through in the canonical order (time, then id), so the result does not depend
 * on which partition an input came from or on the parallelism. Every key also has an end: when its history
 * expires ({@link #expiresAt}) it is dropped by an event-time timer, one per key, re-armed while the key stays
 * active. Histories (and state kept outside them) are written so that an expired one reads as absent, so
 * dropping it early or late in the same watermark step changes nothing.
 *
 * <p>Runs as {@link OrderedKeyedOperator} ({@link #operator()}), which keeps a key's whole state as one value
 * ({@link Keyed}) and finds the keys whose inputs are due from an index of its own rather than a timer per input.
 */
public abstract class OrderedKeyedFunction<K, IN, H, OUT> extends AbstractRichFunction {
    /** No time: nothing waiting, nothing to expire. */
    public static final long NONE = Long.MIN_VALUE;

    /** One key's state: its history, the inputs waiting for the watermark, and when they and the history are due. */
    public static final class Keyed<H, IN> {
        public H history;
        /** sorted by time, then ties */
        public List<IN> waiting = new ArrayList<>(2);
        /** the time of the earliest waiting input, under which the key is indexed (the name is from when it was a timer) */
        public long waitingTimer = NONE;
        public long cleanupTimer = NONE;
        /** the latest time the key's inputs were applied at */
        public long appliedThrough = NONE;
        /**
         * under early release, when each waiting input reached the key (processing time; {@link #NOT_LIVE} for an
         * input that waits for the watermark), in the order of {@link #waiting}; otherwise {@code null}
         */
        public List<Long> arrivals;

        public Keyed() {}
    }

    /** The arrival of an input too old to be released early (see {@link EarlyRelease}). */
    public static final long NOT_LIVE = Long.MAX_VALUE;

    /** What {@link #apply} may do besides emitting to the main output. */
    public interface Context {
        <X> void output(OutputTag<X> tag, X value);
    }

    private final TypeInformation<IN> inputType;
    private final TypeInformation<H> historyType;

    /** @param historyType the key's history; {@code Types.VOID} for a function whose state lives elsewhere */
    protected OrderedKeyedFunction(TypeInformation<IN> inputType, TypeInformation<H> historyType) {
        this.inputType = inputType;
        this.historyType = historyType;
    }

    /** The operator that runs this function on a keyed stream, applying inputs when the watermark passes them. */
    public final OrderedKeyedOperator<K, IN, H, OUT> operator() {
        return new OrderedKeyedOperator<>(this, null);
    }

    /** The operator that runs this function on a keyed stream, applying live inputs earlier ({@code null}: never). */
    public final OrderedKeyedOperator<K, IN, H, OUT> operator(EarlyRelease early) {
        return new OrderedKeyedOperator<>(this, early);
    }

    /** The input's event time. */
    protected abstract long timeOf(IN input);

    /** Ties at the same event time, in canonical order (by event id). */
    protected abstract Comparator<IN> ties();

    /**
     * Applies the key's inputs of one event time, in canonical order, to its history ({@code null} when it has
     * none, or it had expired); returns the history to keep ({@code null}: nothing). What it emits carries
     * {@code time} as its timestamp.
     */
    protected abstract H apply(H history, List<IN> due, long time, Context ctx, Collector<OUT> out) throws Exception;

    /**
     * The input as if it had happened at {@code time}, later than its own. Under early release an input can reach its
     * key after a later one was applied; histories take their inputs in time order, so it is applied at the later time.
     * What the function emits for it is then given back the input's own time ({@link #emittedAt}). By default the
     * input's own {@link Retimable#at}.
     */
    @SuppressWarnings("unchecked")
    protected IN at(IN input, long time) {
        if (input instanceof Retimable<?> retimable) {
            return (IN) retimable.at(time);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot apply an input out of its time order");
    }

    /**
     * What the function emitted (to its main or a side output) for an input applied later than its time, with the
     * input's own {@code time} back: a {@link Retimable} output at {@code time}, any other as emitted. The next stage
     * matches outputs with their event by time (a feature part carrying the later time would miss its order's row).
     * Never late downstream: an input is applied before the watermark passes its own time.
     */
    @SuppressWarnings("unchecked")
    protected <X> X emittedAt(X output, long time) {
        return output instanceof Retimable<?> retimable ? (X) retimable.at(time) : output;
    }

    /**
     * Under early release: whether a waiting input may go before its wait is out — by default never; the leader's
     * stage lets an event go once all its feature parts are here. The input is {@code waiting.get(at)}; {@code waiting}
     * is the key's waiting inputs in order (the index lets a function look at its neighbours instead of the whole list).
     */
    protected boolean complete(List<IN> waiting, int at) {
        return false;
    }

    /**
     * Under early release: whether this input's arrival may let waiting inputs of its key go at once (a feature part
     * may complete its order at the leader's stage); by default the key is looked at when a wait is out.
     */
    protected boolean mayComplete(IN input) {
        return false;
    }

    /**
     * Under early release: whether a live input goes whenever the one before it (in the key's order) goes, however
     * short its own wait — by default never; a leader's feature part goes with its order.
     */
    protected boolean goesWith(IN input, IN previous) {
        return false;
    }

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
    public final void open(OpenContext context) throws Exception {
        openOther(context);
    }

    /** The type of a key's state (a POJO of Flink's: the field names are its schema in savepoints), written through a buffer. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    final TypeInformation<Keyed<H, IN>> stateType() {
        return new BufferedTypeInfo<>((TypeInformation) Types.POJO(Keyed.class, Map.of("history", historyType,
                "waiting", Types.LIST(inputType), "waitingTimer", Types.LONG, "cleanupTimer", Types.LONG,
                "appliedThrough", Types.LONG, "arrivals", Types.LIST(Types.LONG))));
    }

    /** The canonical order of inputs: time, then ties. */
    final Comparator<IN> order() {
        Comparator<IN> ties = ties();
        return (a, b) -> { // one call where comparingLong(..).thenComparing(..) was three lambdas deep, per waiting input
            int byTime = Long.compare(timeOf(a), timeOf(b));
            return byTime != 0 ? byTime : ties.compare(a, b);
        };
    }
}
