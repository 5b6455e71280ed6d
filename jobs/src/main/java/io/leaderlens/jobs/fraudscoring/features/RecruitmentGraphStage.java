package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.common.RecruitmentGraphState;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.rules.ReferralRules;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The leader recruitment graph, the one global structure of the fraud features: a map of edges (leader →
 * upline) on the low-volume stream of recruitments, on a single key. A recruitment that would close a loop
 * is refused: it leaves as a rule violation and marks every leader on the loop.
 */
public final class RecruitmentGraphStage extends OrderedKeyedFunction<String, PlatformEvent, Void, FraudSignal> {
    /** The graph's only key. */
    public static final String KEY = "recruitment-graph";
    public static final OutputTag<LeaderInput> RINGS = new OutputTag<>("graph-rings", JobTypes.of(LeaderInput.class));

    private transient RecruitmentGraphState graph;

    public RecruitmentGraphStage() {
        super(JobTypes.events(), Types.VOID);
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
    protected Void apply(Void none, List<PlatformEvent> due, long time, Context ctx, Collector<FraudSignal> out) {
        for (PlatformEvent event : due) {
            Optional<ReferralRules.Violation> refused = ReferralRules.recruited(event.leaderId(),
                    event.referral().getUplineLeaderId(), time, graph);
            if (refused.isPresent()) {
                out.collect(new FraudSignal(null, refused.get(), event.leaderId(), event.eventId(), time));
                for (String leader : refused.get().path()) {
                    ctx.output(RINGS, LeaderInput.ring(leader, event.eventId(), time));
                }
            }
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
