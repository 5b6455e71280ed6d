package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureRouting;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FeatureSource;
import io.leaderlens.features.LeaderHistory;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by leader: the leader's history, and where each paid order's or refund's row is put together from
 * the parts the member, identifier, category, pickup-point and group-buy stages computed. The wait for the
 * parts is bounded by the watermark: every stage emits its parts for a time before it lets the watermark pass
 * that time, so when this stage's timer fires they are here. A part that missed it (its event arrived behind
 * the watermark) gets its source's documented defaults; both cases are counted ({@code featurePartsMissing},
 * {@code featurePartsLate}) and logged.
 */
public final class LeaderStage extends OrderedKeyedFunction<String, LeaderInput, LeaderHistory, FraudSignal> {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderStage.class);

    private transient Counter partsMissing;
    private transient Counter partsLate;

    public LeaderStage() {
        super(JobTypes.of(LeaderInput.class), JobTypes.of(LeaderHistory.class));
    }

    @Override
    protected long timeOf(LeaderInput input) {
        return input.eventTime();
    }

    @Override
    protected Comparator<LeaderInput> ties() {
        return LeaderInput.TIES;
    }

    @Override
    protected void openOther(OpenContext context) {
        partsMissing = getRuntimeContext().getMetricGroup().counter("featurePartsMissing");
        partsLate = getRuntimeContext().getMetricGroup().counter("featurePartsLate");
    }

    @Override
    protected LeaderHistory apply(LeaderHistory history, List<LeaderInput> due, long time, Context ctx, Collector<FraudSignal> out) {
        LeaderHistory leader = history != null ? history : new LeaderHistory();
        Map<String, Map<FeatureSource, FeaturePart>> partsByEvent = new HashMap<>();
        for (LeaderInput input : due) {
            if (input.part() != null) {
                partsByEvent.computeIfAbsent(input.eventId(), id -> new EnumMap<>(FeatureSource.class))
                        .put(input.part().source(), input.part());
            }
        }
        for (LeaderInput input : due) {
            if (input.event() != null) {
                PlatformEvent event = input.event();
                Map<FeatureSource, FeaturePart> parts = partsByEvent.getOrDefault(event.eventId(), Map.of());
                partsByEvent.remove(event.eventId());
                if (FeatureRouting.scored(event)) {
                    countMissing(event, parts);
                }
                for (FeatureRow row : leader.apply(event, parts)) {
                    out.collect(new FraudSignal(row, null, row.leaderId(), row.eventId(), row.eventTime()));
                }
            } else if (input.ring()) {
                leader.markReferralRing(time);
            }
        }
        for (var orphan : partsByEvent.entrySet()) { // the event was assembled before its part arrived
            partsLate.inc(orphan.getValue().size());
            LOG.warn("feature parts {} of event {} arrived after its row was scored; they are not used", orphan.getValue().keySet(),
                    orphan.getKey());
        }
        return leader.lastActivity == NONE ? null : leader; // only stray parts came: nothing of the leader's to keep
    }

    private void countMissing(PlatformEvent event, Map<FeatureSource, FeaturePart> parts) {
        for (FeatureSource expected : FeatureRouting.expectedParts(event)) {
            if (!parts.containsKey(expected)) {
                partsMissing.inc();
                LOG.warn("event {} was scored without its {} features (they missed the watermark): defaults used", event.eventId(),
                        expected);
            }
        }
    }

    @Override
    protected long expiresAt(LeaderHistory history) {
        return history.expiresAt();
    }
}
