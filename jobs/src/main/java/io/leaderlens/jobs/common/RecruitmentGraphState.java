package io.leaderlens.jobs.common;

import io.leaderlens.features.FeatureTime;
import io.leaderlens.rules.ReferralRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * The recruitment graph in keyed state, one map entry per recruited leader (leader → upline, since when),
 * as the referral rules read and extend it. Leaders, not members: small next to the event stream. An edge not
 * renewed for {@link FeatureTime#LEADER_FACT_RETENTION} is dropped.
 */
public final class RecruitmentGraphState implements ReferralRules.Graph {
    private final MapState<String, ReferralRules.Upline> uplines;

    private RecruitmentGraphState(MapState<String, ReferralRules.Upline> uplines) {
        this.uplines = uplines;
    }

    public static RecruitmentGraphState open(RuntimeContext context) {
        return new RecruitmentGraphState(context.getMapState(new MapStateDescriptor<>("uplines", Types.STRING,
                io.leaderlens.jobs.types.JobTypes.of(ReferralRules.Upline.class))));
    }

    @Override
    public ReferralRules.Upline uplineOf(String leaderId) {
        try {
            return uplines.get(leaderId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("reading the recruitment graph", e);
        }
    }

    @Override
    public void bind(String leaderId, ReferralRules.Upline upline) {
        try {
            uplines.put(leaderId, upline);
        } catch (Exception e) {
            throw new FlinkRuntimeException("extending the recruitment graph", e);
        }
    }

    /** The earliest moment an edge can be dropped, or {@link OrderedKeyedFunction#NONE}. */
    public long nextExpiry() throws Exception {
        long next = OrderedKeyedFunction.NONE;
        for (ReferralRules.Upline upline : uplines.values()) {
            long ends = upline.since() + FeatureTime.LEADER_FACT_RETENTION;
            next = next == OrderedKeyedFunction.NONE ? ends : Math.min(next, ends);
        }
        return next;
    }

    public void expire(long time) throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, ReferralRules.Upline> edge : uplines.entries()) {
            if (!edge.getValue().validAt(time)) {
                expired.add(edge.getKey());
            }
        }
        for (String leader : expired) {
            uplines.remove(leader); // (removing through the iterator leaves an empty map behind on the heap backend)
        }
    }
}
