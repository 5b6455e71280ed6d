package io.leaderlens.features;

import io.leaderlens.events.Retimable;
import static java.util.Objects.requireNonNull;

/**
 * One key's share of the features of one paid order or refund, computed where that key's history lives and
 * sent to the order's leader, who assembles the row. {@code values} follow the source's slot order;
 * a {@link FeatureSource#MEMBER} part carries two more: whether the buyer is under a day old, and whether
 * this is the member's first payment (which also makes a member row).
 */
public record FeaturePart(String leaderId, String eventId, long eventTime, FeatureSource source, double[] values)
        implements Retimable<FeaturePart> {
    /** The same part at a later {@code time}. */
    @Override
    public FeaturePart at(long time) {
        return new FeaturePart(leaderId, eventId, time, source, values);
    }

    public FeaturePart {
        requireNonNull(leaderId, "leaderId");
        requireNonNull(eventId, "eventId");
        requireNonNull(source, "source");
        requireNonNull(values, "values");
    }
}
