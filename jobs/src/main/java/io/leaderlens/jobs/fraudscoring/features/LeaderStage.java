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
import java.util.EnumSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by leader: the leader's history, and where each paid order's or refund's row is put together from
 * the parts the member, identifier, category, pickup-point and group-buy stages computed. The wait for the
 * parts is bounded by the watermark: every stage emits its parts for a time before it lets the watermark pass
 * that time, so when this stage applies that time they are here. Under early release ({@link #complete}) an event
 * goes as soon as its parts are here (or when a maximum wait is out, if one is set). A part that missed it (its event
 * arrived behind the watermark) gets its source's documented defaults; both cases are counted ({@code featurePartsMissing},
 * {@code featurePartsLate}) and logged (the first few in full, then one line per ten thousand).
 */
public final class LeaderStage extends OrderedKeyedFunction<String, LeaderInput, LeaderHistory, FraudSignal> {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderStage.class);
    private static final int LOG_IN_FULL = 20;
    private static final int LOG_EVERY = 10_000;
    /** about ten seconds of orders at 5,000 a second per subtask */
    private static final int RECENTLY_SCORED = 50_000;

    private transient Counter partsMissing;
    private transient Counter partsLate;
    /** what this subtask has logged of each kind: the first few in full, then one line per {@link #LOG_EVERY} */
    private transient long missingParts;
    private transient long lateEvents;
    /**
     * Under early release, the orders this subtask scored lately (a bounded memory, not checkpointed): a part whose
     * order is not waiting goes at once if its order was scored already (it is late), and waits for it otherwise.
     */
    private transient Set<String> recentlyScored;

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

    /**
     * Under early release an event goes once the parts its row needs are all here (a part goes with its event; a
     * referral-ring flag at once), instead of waiting for the watermark. A part whose order was scored before it came
     * goes too: it is late, counted below; one whose order has not come yet waits for it.
     */
    @Override
    protected boolean complete(List<LeaderInput> waiting, int at) {
        LeaderInput input = waiting.get(at);
        if (input.ring()) {
            return true;
        }
        if (input.part() != null) {
            int event = eventIn(waiting, at);
            return event < 0 ? recentlyScored.contains(input.eventId()) : complete(waiting, event);
        }
        if (!FeatureRouting.scored(input.event())) {
            return true;
        }
        List<FeatureSource> expected = FeatureRouting.expectedParts(input.event());
        return partsIn(waiting, at, true).containsAll(expected) || partsIn(waiting, at, false).containsAll(expected);
    }

    /** A part may complete its waiting order: look at once. */
    @Override
    protected boolean mayComplete(LeaderInput input) {
        return input.part() != null;
    }

    /** An order's parts come right after it in the key's order (same time and id): they go with it. */
    @Override
    protected boolean goesWith(LeaderInput input, LeaderInput previous) {
        return input.part() != null && input.eventId().equals(previous.eventId());
    }

    /*
     * An event and its parts have the same time and id, so they sit side by side in the key's order, the event first:
     * the neighbours are looked at first, and the whole list (a hot leader's can be long) only if they do not tell.
     */

    /** Where the event of the part at {@code at} waits, or -1. */
    private static int eventIn(List<LeaderInput> waiting, int at) {
        String id = waiting.get(at).eventId();
        for (int i = at - 1; i >= 0 && waiting.get(i).eventId().equals(id); i--) {
            if (waiting.get(i).event() != null) {
                return i;
            }
        }
        int hash = id.hashCode();
        for (int i = 0; i < waiting.size(); i++) {
            LeaderInput w = waiting.get(i);
            if (w.event() != null && w.eventId().hashCode() == hash && w.eventId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The sources of the waiting parts of the event at {@code at}: among its next neighbours, or in the whole list. */
    private static Set<FeatureSource> partsIn(List<LeaderInput> waiting, int at, boolean neighboursOnly) {
        String id = waiting.get(at).eventId();
        int hash = id.hashCode();
        Set<FeatureSource> found = EnumSet.noneOf(FeatureSource.class);
        for (int i = neighboursOnly ? at + 1 : 0; i < waiting.size(); i++) {
            LeaderInput w = waiting.get(i);
            boolean same = w.eventId().hashCode() == hash && w.eventId().equals(id);
            if (neighboursOnly && !same) {
                break;
            }
            if (same && w.part() != null) {
                found.add(w.part().source());
            }
        }
        return found;
    }

    @Override
    protected void openOther(OpenContext context) {
        partsMissing = getRuntimeContext().getMetricGroup().counter("featurePartsMissing");
        partsLate = getRuntimeContext().getMetricGroup().counter("featurePartsLate");
        recentlyScored = Collections.newSetFromMap(new LinkedHashMap<>(1 << 16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RECENTLY_SCORED;
            }
        });
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
                recentlyScored.add(event.eventId());
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
            if (worthLogging(++lateEvents)) {
                LOG.warn("feature parts {} of event {} arrived after its row was scored; they are not used ({} such events in this"
                        + " subtask so far, parts counted in featurePartsLate)", orphan.getValue().keySet(), orphan.getKey(), lateEvents);
            }
        }
        return leader.lastActivity == NONE ? null : leader; // only stray parts came: nothing of the leader's to keep
    }

    /** A burst (tens of thousands at once) is a line per {@value #LOG_EVERY}, not one per event; the counters have every one. */
    private static boolean worthLogging(long nth) {
        return nth <= LOG_IN_FULL || nth % LOG_EVERY == 0;
    }

    private void countMissing(PlatformEvent event, Map<FeatureSource, FeaturePart> parts) {
        for (FeatureSource expected : FeatureRouting.expectedParts(event)) {
            if (!parts.containsKey(expected)) {
                partsMissing.inc();
                if (worthLogging(++missingParts)) {
                    LOG.warn("event {} was scored without its {} features (they missed the watermark): defaults used ({} such parts in"
                            + " this subtask so far, counted in featurePartsMissing)", event.eventId(), expected, missingParts);
                }
            }
        }
    }

    @Override
    protected long expiresAt(LeaderHistory history) {
        return history.expiresAt();
    }
}
