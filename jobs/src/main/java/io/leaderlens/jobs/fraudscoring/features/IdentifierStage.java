package io.leaderlens.jobs.fraudscoring.features;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureRouting;
import io.leaderlens.features.IdentifierHistory;
import io.leaderlens.features.IdentifierKind;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.types.JobTypes;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.util.Collector;

/**
 * Keyed by one kind of identifier (a device, an IP address or a payment account): the accounts seen on it,
 * and for each paid order or refund on it, its accounts and coupon orders per window and the buyer's referral pairs.
 */
public final class IdentifierStage extends OrderedKeyedFunction<String, PlatformEvent, IdentifierHistory, FeaturePart> {
    private final IdentifierKind kind;

    public IdentifierStage(IdentifierKind kind) {
        super(JobTypes.events(), JobTypes.of(IdentifierHistory.class));
        this.kind = requireNonNull(kind, "kind");
    }

    /** The key an event has in this stage: its identifier of the kind (the router sends only events that have one). */
    public static String keyOf(PlatformEvent event, IdentifierKind kind) {
        return FeatureRouting.identifier(event, kind).id();
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
    protected IdentifierHistory apply(IdentifierHistory history, List<PlatformEvent> due, long time, Context ctx,
                                      Collector<FeaturePart> out) {
        IdentifierHistory seen = history != null ? history : new IdentifierHistory();
        for (PlatformEvent event : due) {
            String account = FeatureRouting.identifier(event, kind).account();
            seen.see(account, FeatureRouting.referredBy(event), FeatureRouting.redeemsCoupon(event), time, kind);
            if (FeatureRouting.scored(event)) {
                out.collect(new FeaturePart(event.leaderId(), event.eventId(), time, kind.source(), seen.part(kind, account, time)));
            }
        }
        return seen;
    }

    @Override
    protected long expiresAt(IdentifierHistory history) {
        return history.expiresAt(kind);
    }
}
