package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.features.FeaturePart;
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
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by member (user id): the member's history, and the self-referral rule (whether the member's account is
 * a leader's own, learned from the approval). Emits the member's part of each paid order's or refund's
 * features; passes payments and refunds to the pickup point (with whether they came after pickup) and joins
 * to the group buy (with whether the joiner is under a day old); a refused signup leaves as a rule violation
 * and marks its leader.
 */
public final class MemberStage extends OrderedKeyedFunction<String, PlatformEvent, FeaturePart> {
    public static final OutputTag<PickupInput> PICKUPS = new OutputTag<>("pickups", JobTypes.of(PickupInput.class));
    public static final OutputTag<GroupBuyInput> GROUP_JOINS = new OutputTag<>("group-joins", JobTypes.of(GroupBuyInput.class));
    public static final OutputTag<FraudSignal> VIOLATIONS = new OutputTag<>("member-violations", JobTypes.of(FraudSignal.class));
    public static final OutputTag<LeaderInput> RINGS = new OutputTag<>("member-rings", JobTypes.of(LeaderInput.class));

    private transient ValueState<MemberHistory> history;
    private transient ValueState<ReferralRules.LeaderAccount> leaderAccount;

    public MemberStage() {
        super(JobTypes.events());
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
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", JobTypes.of(MemberHistory.class)));
        leaderAccount = getRuntimeContext().getState(new ValueStateDescriptor<>("leader-account",
                JobTypes.of(ReferralRules.LeaderAccount.class)));
    }

    @Override
    protected void apply(List<PlatformEvent> due, long time, Context ctx, Collector<FeaturePart> out) throws Exception {
        MemberHistory member = history.value();
        if (member == null || member.expired(time)) {
            member = new MemberHistory();
        }
        for (PlatformEvent event : due) {
            ReferralEvent r = event.referral();
            if (r != null && r.getType() == ReferralEventType.LEADER_APPROVED) {
                leaderAccount.update(new ReferralRules.LeaderAccount(r.getLeaderId(), time));
            } else if (r != null && r.getType() == ReferralEventType.SIGNED_UP) {
                Optional<ReferralRules.Violation> refused = ReferralRules.selfReferral(r.getUserId(), r.getLeaderId(),
                        leaderAccount.value(), time);
                if (refused.isPresent()) {
                    ctx.output(VIOLATIONS, new FraudSignal(null, refused.get(), r.getLeaderId(), r.getEventId(), time));
                    ctx.output(RINGS, LeaderInput.ring(r.getLeaderId(), r.getEventId(), time));
                }
            }
            MemberHistory.Outcome outcome = member.apply(event);
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
        history.update(member);
    }

    @Override
    protected long nextExpiry() throws Exception {
        long next = NONE;
        MemberHistory member = history.value();
        if (member != null) {
            next = member.expiresAt();
        }
        ReferralRules.LeaderAccount account = leaderAccount.value();
        if (account != null) {
            long accountEnds = account.since() + io.leaderlens.features.FeatureTime.LEADER_FACT_RETENTION;
            next = next == NONE ? accountEnds : Math.min(next, accountEnds);
        }
        return next;
    }

    @Override
    protected void expire(long time) throws Exception {
        MemberHistory member = history.value();
        if (member != null && member.expired(time)) {
            history.clear();
        }
        ReferralRules.LeaderAccount account = leaderAccount.value();
        if (account != null && !account.validAt(time)) {
            leaderAccount.clear();
        }
    }
}
