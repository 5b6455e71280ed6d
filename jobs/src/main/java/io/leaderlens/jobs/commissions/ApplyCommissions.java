package io.leaderlens.jobs.commissions;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.engine.LeaderCommissions;
import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.EventTimeBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs one selling leader's {@link LeaderCommissions} in event-time order: inputs wait in state until the
 * watermark passes them, credits fire at the end of each refund window. Emits ledger entries; rate changes
 * and refused inputs leave on side outputs. An input that arrives behind the watermark is applied at once.
 * When a bounded input ends, the watermark jumps to the end of time; refund windows are then only credited
 * up to {@code asOf} (the moment the data describes), not beyond what has happened.
 */
public final class ApplyCommissions extends KeyedProcessFunction<String, CommissionInput, LedgerEntry> {
    public static final OutputTag<PublishedRate> RATES = new OutputTag<>("commission-rates") {};
    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("commission-refused") {};
    private static final Comparator<CommissionInput> TIES = Comparator.comparingInt(CommissionInput::order).thenComparing(CommissionInput::id);

    private final CommissionSettings settings;
    private final long asOf;
    private transient ValueState<LeaderCommissions> leader;
    private transient EventTimeBuffer<CommissionInput> waiting;

    public ApplyCommissions(CommissionSettings settings, long asOf) {
        this.settings = requireNonNull(settings, "settings");
        this.asOf = asOf;
    }

    @Override
    public void open(OpenContext context) {
        leader = getRuntimeContext().getState(new ValueStateDescriptor<>("leader-commissions", LeaderCommissions.class));
        waiting = EventTimeBuffer.create(getRuntimeContext(), TypeInformation.of(CommissionInput.class));
    }

    @Override
    public void processElement(CommissionInput input, Context ctx, Collector<LedgerEntry> out) throws Exception {
        if (input.time() <= ctx.timerService().currentWatermark()) {
            apply(List.of(input), state(ctx.getCurrentKey()), out, ctx);
            return;
        }
        waiting.hold(input, input.time(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LedgerEntry> out) throws Exception {
        List<CommissionInput> inputs = waiting.release(timestamp); // none when the timer is a window's end
        LeaderCommissions state = state(ctx.getCurrentKey());
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        emit(state.advanceTo(endOfInput ? Math.min(timestamp, asOf) : timestamp), out, ctx);
        inputs.sort(TIES);
        apply(inputs, state, out, ctx);
    }

    private void apply(List<CommissionInput> inputs, LeaderCommissions state, Collector<LedgerEntry> out, Context ctx) throws Exception {
        for (CommissionInput input : inputs) {
            try {
                LeaderCommissions.Output result;
                if (input.event() != null) {
                    result = state.accept(input.event(), settings);
                } else if (input.binding() != null) {
                    result = state.binding(input.binding(), settings);
                } else if (input.alert() != null) {
                    result = state.alert(input.alert(), settings);
                } else {
                    result = state.resolve(input.resolution(), settings);
                }
                emit(result, out, ctx);
            } catch (IllegalArgumentException e) {
                ctx.output(REFUSED, new DeadLetter("commissions", -1, -1, System.currentTimeMillis(),
                        "commissions: " + input.describe() + ": " + e.getMessage(), input.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        leader.update(state);
        scheduleCredit(state, ctx);
    }

    private void emit(LeaderCommissions.Output result, Collector<LedgerEntry> out, Context ctx) {
        result.entries().forEach(out::collect);
        result.rates().forEach(rate -> ctx.output(RATES, rate));
    }

    private LeaderCommissions state(String key) throws Exception {
        LeaderCommissions state = leader.value();
        return state != null ? state : new LeaderCommissions(key, settings);
    }

    /** A timer for the next refund window to end; at the end of a bounded input, only those up to {@code asOf}. */
    private void scheduleCredit(LeaderCommissions state, Context ctx) {
        long next = state.nextCreditTime();
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (next != Long.MAX_VALUE && !(endOfInput && next > asOf)) {
            ctx.timerService().registerEventTimeTimer(next); // the same time twice is one timer
        }
    }
}
