package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.engine.BindingDecision;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.EventTimeBuffer;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.rules.ReferralRules;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The referral rules at binding time, for commissions: leader approvals, recruitments and signups in
 * event-time order through the same {@link ReferralRules} the fraud job applies, one decision per binding.
 * A loop needs the whole leader tree, so this runs on a single key; bindings are rare next to orders.
 */
public final class DecideBindings extends KeyedProcessFunction<String, PlatformEvent, CommissionInput> {
    private transient ValueState<ReferralRules> rules;
    private transient EventTimeBuffer<PlatformEvent> waiting;

    /** Referral events that bind someone or make an account a leader's. */
    public static boolean concerns(PlatformEvent event) {
        ReferralEvent r = event.referral();
        return r != null && (r.getType() == ReferralEventType.LEADER_APPROVED || r.getType() == ReferralEventType.RECRUITED
                || r.getType() == ReferralEventType.SIGNED_UP);
    }

    @Override
    public void open(OpenContext context) {
        rules = getRuntimeContext().getState(new ValueStateDescriptor<>("referral-rules", ReferralRules.class));
        waiting = EventTimeBuffer.create(getRuntimeContext(), TypeInformation.of(PlatformEvent.class));
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<CommissionInput> out) throws Exception {
        waiting.hold(event, event.eventTime(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CommissionInput> out) throws Exception {
        List<PlatformEvent> due = waiting.release(timestamp);
        due.sort(Comparator.comparing(PlatformEvent::eventId));
        ReferralRules state = rules.value() != null ? rules.value() : new ReferralRules();
        for (PlatformEvent event : due) {
            ReferralEvent r = event.referral();
            switch (r.getType()) {
                case LEADER_APPROVED -> state.leaderAccount(r.getLeaderId(), r.getUserId());
                case RECRUITED -> {
                    if (r.getUplineLeaderId() != null) {
                        var refused = state.onRecruited(r.getLeaderId(), r.getUplineLeaderId());
                        out.collect(CommissionInput.of(new BindingDecision(BindingDecision.Kind.UPLINE, r.getLeaderId(), r.getUplineLeaderId(),
                                refused.isEmpty(), refused.map(ReferralRules.Violation::description).orElse("bound"), r.getEventId(),
                                r.getEventTime())));
                    }
                }
                case SIGNED_UP -> {
                    if (r.getUserId() != null) {
                        var refused = state.onSignup(r.getUserId(), r.getLeaderId());
                        out.collect(CommissionInput.of(new BindingDecision(BindingDecision.Kind.MEMBER, r.getLeaderId(), r.getUserId(),
                                refused.isEmpty(), refused.map(ReferralRules.Violation::description).orElse("bound"), r.getEventId(),
                                r.getEventTime())));
                    }
                }
                default -> { }
            }
        }
        rules.update(state);
    }
}
