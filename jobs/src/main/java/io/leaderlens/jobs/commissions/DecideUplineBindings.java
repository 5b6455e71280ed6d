package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.engine.BindingDecision;
import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeatureRouting;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.common.RecruitmentGraphState;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.rules.ReferralRules;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The recruitment graph for commissions: whether a recruitment binds a leader under an upline (the second
 * tier), decided by the same loop rule the fraud job applies. A loop needs the whole leader graph, so this
 * runs on one key over the low-volume stream of recruitments; the graph holds one edge per leader.
 */
public final class DecideUplineBindings extends OrderedKeyedFunction<String, PlatformEvent, Void, CommissionInput> {
    public static final String KEY = "recruitment-graph";

    private transient RecruitmentGraphState graph;

    public DecideUplineBindings() {
        super(JobTypes.events(), Types.VOID);
    }

    public static boolean concerns(PlatformEvent event) {
        return FeatureRouting.recruitment(event);
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
    protected void openOther(OpenContext context) {
        graph = RecruitmentGraphState.open(getRuntimeContext());
    }

    @Override
    protected Void apply(Void none, List<PlatformEvent> due, long time, Context ctx, Collector<CommissionInput> out) {
        for (PlatformEvent event : due) {
            String upline = event.referral().getUplineLeaderId();
            var refused = ReferralRules.recruited(event.leaderId(), upline, time, graph);
            out.collect(CommissionInput.of(new BindingDecision(BindingDecision.Kind.UPLINE, event.leaderId(), upline, refused.isEmpty(),
                    refused.map(ReferralRules.Violation::description).orElse("bound"), event.eventId(), time)));
        }
        return null;
    }

    @Override
    protected long expiresAt(Void none) {
        return NONE;
    }

    @Override
    protected long otherExpiry() throws Exception {
        return graph.nextExpiry();
    }

    @Override
    protected void expireOther(long time) throws Exception {
        graph.expire(time);
    }
}
