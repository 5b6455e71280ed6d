package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.engine.BindingDecision;
import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.rules.ReferralRules;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Keyed by member (user id): whether a signup binds the member to the leader, decided by the same
 * self-referral rule the fraud job applies (a leader's own account never binds under that leader, so it never
 * earns a new-member bonus). The member's only state is which leader their account belongs to, if any.
 */
public final class DecideMemberBindings extends OrderedKeyedFunction<String, PlatformEvent, CommissionInput> {
    private transient ValueState<ReferralRules.LeaderAccount> leaderAccount;

    public DecideMemberBindings() {
        super(JobTypes.events());
    }

    /** Approvals (an account becomes a leader's) and signups with a member. */
    public static boolean concerns(PlatformEvent event) {
        ReferralEvent r = event.referral();
        return r != null && r.getUserId() != null
                && (r.getType() == ReferralEventType.LEADER_APPROVED || r.getType() == ReferralEventType.SIGNED_UP);
    }

    @Override
    protected long timeOf(PlatformEvent event) {
        return event.eventTime();
    }

    @Override
    protected Comparator<PlatformEvent> ties() {
        return EventTimeOrder.EVENTS;
    }

    @Override
    protected void openState(OpenContext context) {
        leaderAccount = getRuntimeContext().getState(new ValueStateDescriptor<>("leader-account",
                JobTypes.of(ReferralRules.LeaderAccount.class)));
    }

    @Override
    protected void apply(List<PlatformEvent> due, long time, Context ctx, Collector<CommissionInput> out) throws Exception {
        for (PlatformEvent event : due) {
            ReferralEvent r = event.referral();
            if (r.getType() == ReferralEventType.LEADER_APPROVED) {
                leaderAccount.update(new ReferralRules.LeaderAccount(r.getLeaderId(), time));
                continue;
            }
            var refused = ReferralRules.selfReferral(r.getUserId(), r.getLeaderId(), leaderAccount.value(), time);
            out.collect(CommissionInput.of(new BindingDecision(BindingDecision.Kind.MEMBER, r.getLeaderId(), r.getUserId(),
                    refused.isEmpty(), refused.map(ReferralRules.Violation::description).orElse("bound"), r.getEventId(), time)));
        }
    }

    @Override
    protected long nextExpiry() throws Exception {
        ReferralRules.LeaderAccount account = leaderAccount.value();
        return account == null ? NONE : account.since() + FeatureTime.LEADER_FACT_RETENTION;
    }

    @Override
    protected void expire(long time) throws Exception {
        ReferralRules.LeaderAccount account = leaderAccount.value();
        if (account != null && !account.validAt(time)) {
            leaderAccount.clear();
        }
    }
}
