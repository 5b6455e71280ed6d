package io.leaderlens.jobs.commissions;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.engine.LeaderCommissions;
import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.EventTimeBuffer;
import io.leaderlens.jobs.types.JobTypes;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs one selling leader's {@link LeaderCommissions} in event-time order: inputs wait in state until the
 * watermark passes them, credits fire at the end of each refund window. Emits ledger entries; rate changes
 * and refused inputs leave on side outputs. An input that arrives behind the watermark is applied at once.
 * When a bounded input ends, the watermark jumps to the end of time; refund windows are then only credited
 * up to {@code asOf} (the moment the data describes), not beyond what has happened.
 *
 * <p>The leader's state is typed keyed state, piece by piece ({@link KeyedCommissionStore}); each piece has an
 * end in the ledger's rules, and the leader's own scalars (upline, published rates) are dropped once the leader
 * has been idle for {@link FeatureTime#LEADER_FACT_RETENTION} with nothing open.
 */
public final class ApplyCommissions extends KeyedProcessFunction<String, CommissionInput, LedgerEntry> {
    public static final OutputTag<PublishedRate> RATES = new OutputTag<>("commission-rates", JobTypes.of(PublishedRate.class));
    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("commission-refused", JobTypes.of(DeadLetter.class));
    private static final Comparator<CommissionInput> TIES = Comparator.comparingInt(CommissionInput::order).thenComparing(CommissionInput::id);

    private final CommissionSettings settings;
    private final long asOf;
    private transient KeyedCommissionStore store;
    private transient EventTimeBuffer<CommissionInput> waiting;
    private transient ValueState<Long> cleanupTimer;

    public ApplyCommissions(CommissionSettings settings, long asOf) {
        this.settings = requireNonNull(settings, "settings");
        this.asOf = asOf;
    }

    @Override
    public void open(OpenContext context) {
        store = new KeyedCommissionStore(getRuntimeContext());
        waiting = EventTimeBuffer.create(getRuntimeContext(), JobTypes.of(CommissionInput.class));
        cleanupTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
    }

    @Override
    public void processElement(CommissionInput input, Context ctx, Collector<LedgerEntry> out) throws Exception {
        if (input.time() <= ctx.timerService().currentWatermark()) {
            apply(List.of(input), leader(ctx), out, ctx);
            armCleanup(ctx, input.time());
            return;
        }
        waiting.hold(input, input.time(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LedgerEntry> out) throws Exception {
        List<CommissionInput> inputs = waiting.release(timestamp); // none when the timer is a window's end
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (endOfInput && timestamp > asOf) {
            return; // beyond what the bounded input describes: nothing is credited or forgotten
        }
        LeaderCommissions leader = leader(ctx);
        emit(leader.advanceTo(timestamp), out, ctx);
        inputs.sort(TIES);
        apply(inputs, leader, out, ctx);
        Long armed = cleanupTimer.value();
        if (armed != null && armed <= timestamp) {
            cleanupTimer.clear();
            if (leader.lastActivity() + FeatureTime.LEADER_FACT_RETENTION <= timestamp && store.settled()) {
                store.clear(); // a leader idle for long with nothing open: nothing of theirs to keep
                return;
            }
        }
        armCleanup(ctx, timestamp);
    }

    private LeaderCommissions leader(Context ctx) {
        return new LeaderCommissions(ctx.getCurrentKey(), settings, store.at(ctx.timerService()));
    }

    private void apply(List<CommissionInput> inputs, LeaderCommissions leader, Collector<LedgerEntry> out, Context ctx) {
        for (CommissionInput input : inputs) {
            try {
                LeaderCommissions.Output result;
                if (input.event() != null) {
                    result = leader.accept(input.event(), settings);
                } else if (input.binding() != null) {
                    result = leader.binding(input.binding(), settings);
                } else if (input.alert() != null) {
                    result = leader.alert(input.alert(), settings);
                } else {
                    result = leader.resolve(input.resolution(), settings);
                }
                emit(result, out, ctx);
            } catch (IllegalArgumentException e) {
                ctx.output(REFUSED, DeadLetter.of("commissions", -1, -1, System.currentTimeMillis(),
                        "commissions: " + input.describe() + ": " + e.getMessage(), input.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private void emit(LeaderCommissions.Output result, Collector<LedgerEntry> out, Context ctx) {
        result.entries().forEach(out::collect);
        result.rates().forEach(rate -> ctx.output(RATES, rate));
    }

    /** One timer per leader for the end of its leader-scale state, re-armed while the leader is active. */
    private void armCleanup(Context ctx, long now) throws Exception {
        if (cleanupTimer.value() != null) {
            return;
        }
        long last = store.summary().lastActivity;
        if (last != Long.MIN_VALUE) {
            // still open at its end (an order held for review): look again a retention later
            long at = Math.max(last, now) + FeatureTime.LEADER_FACT_RETENTION;
            ctx.timerService().registerEventTimeTimer(at);
            cleanupTimer.update(at);
        }
    }
}
