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
import org.apache.flink.util.Collector;

/**
 * Keyed by member (user id): whether a signup binds the member to the leader, decided by the same
 * self-referral rule the fraud job applies (a leader's own account never binds under that leader, so it never
 * earns a new-member bonus). The member's only state is which leader their account belongs to, if any.
 */
public final class DecideMemberBindings
        extends OrderedKeyedFunction<String, PlatformEvent, ReferralRules.LeaderAccount, CommissionInput> {
    public DecideMemberBindings() {
        super(JobTypes.events(), JobTypes.of(ReferralRules.LeaderAccount.class));
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
    protected ReferralRules.LeaderAccount apply(ReferralRules.LeaderAccount account, List<PlatformEvent> due, long time, Context ctx,
                                                Collector<CommissionInput> out) {
        ReferralRules.LeaderAccount leaderAccount = account;
        for (PlatformEvent event : due) {
            ReferralEvent r = event.referral();
            if (r.getType() == ReferralEventType.LEADER_APPROVED) {
                leaderAccount = new ReferralRules.LeaderAccount(r.getLeaderId(), time);
                continue;
            }
            var refused = ReferralRules.selfReferral(r.getUserId(), r.getLeaderId(), leaderAccount, time);
            out.collect(CommissionInput.of(new BindingDecision(BindingDecision.Kind.MEMBER, r.getLeaderId(), r.getUserId(),
                    refused.isEmpty(), refused.map(ReferralRules.Violation::description).orElse("bound"), r.getEventId(), time)));
        }
        return leaderAccount;
    }

    @Override
    protected long expiresAt(ReferralRules.LeaderAccount account) {
        return account.since() + FeatureTime.LEADER_FACT_RETENTION;
    }
}
