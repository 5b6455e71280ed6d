package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.features.GroupBuyInput;
import io.leaderlens.features.MemberHistory;
import io.leaderlens.features.PickupInput;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.rules.ReferralRules;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by member (user id): the member's history, and the self-referral rule (whether the member's account is
 * a leader's own, learned from the approval). Emits the member's part of each paid order's or refund's
 * features; passes payments and refunds to the pickup point (with whether they came after pickup) and joins
 * to the group buy (with whether the joiner is under a day old); a refused signup leaves as a rule violation
 * and marks its leader.
 */
public final class MemberStage extends OrderedKeyedFunction<String, PlatformEvent, MemberStage.MemberState, FeaturePart> {
    public static final OutputTag<PickupInput> PICKUPS = new OutputTag<>("pickups", JobTypes.of(PickupInput.class));
    public static final OutputTag<GroupBuyInput> GROUP_JOINS = new OutputTag<>("group-joins", JobTypes.of(GroupBuyInput.class));
    public static final OutputTag<FraudSignal> VIOLATIONS = new OutputTag<>("member-violations", JobTypes.of(FraudSignal.class));
    public static final OutputTag<LeaderInput> RINGS = new OutputTag<>("member-rings", JobTypes.of(LeaderInput.class));

    /** A member's state: their history, and the leader whose own account theirs is (if any); each with its own end. */
    public static final class MemberState {
        public MemberHistory member;
        public ReferralRules.LeaderAccount leaderAccount;

        public MemberState() {}
    }

    public MemberStage() {
        super(JobTypes.events(), JobTypes.of(MemberState.class));
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
    protected MemberState apply(MemberState state, List<PlatformEvent> due, long time, Context ctx, Collector<FeaturePart> out) {
        MemberState s = state != null ? state : new MemberState();
        if (s.member == null || s.member.expired(time)) {
            s.member = new MemberHistory();
        }
        if (s.leaderAccount != null && !s.leaderAccount.validAt(time)) {
            s.leaderAccount = null;
        }
        for (PlatformEvent event : due) {
            ReferralEvent r = event.referral();
            if (r != null && r.getType() == ReferralEventType.LEADER_APPROVED) {
                s.leaderAccount = new ReferralRules.LeaderAccount(r.getLeaderId(), time);
            } else if (r != null && r.getType() == ReferralEventType.SIGNED_UP) {
                Optional<ReferralRules.Violation> refused = ReferralRules.selfReferral(r.getUserId(), r.getLeaderId(), s.leaderAccount, time);
                if (refused.isPresent()) {
                    ctx.output(VIOLATIONS, new FraudSignal(null, refused.get(), r.getLeaderId(), r.getEventId(), time));
                    ctx.output(RINGS, LeaderInput.ring(r.getLeaderId(), r.getEventId(), time));
                }
            }
            MemberHistory.Outcome outcome = s.member.apply(event);
            if (outcome.part() != null) {
                out.collect(outcome.part());
            }
            if (outcome.pickup() != null) {
                ctx.output(PICKUPS, outcome.pickup());
            }
            if (outcome.groupBuy() != null) {
                ctx.output(GROUP_JOINS, outcome.groupBuy());
            }
        }
        return s;
    }

    /** The later of the two ends; the history alone starts over at its own end (see {@link #apply}). */
    @Override
    protected long expiresAt(MemberState state) {
        long member = state.member == null ? NONE : state.member.expiresAt();
        long account = state.leaderAccount == null ? NONE : state.leaderAccount.since() + FeatureTime.LEADER_FACT_RETENTION;
        return Math.max(member, account);
    }
}
