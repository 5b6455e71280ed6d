package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.IDLE_RETENTION;
import static io.leaderlens.features.FeatureTime.NONE;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;

/** A product category's running mean paid amount (a paid order is compared with the orders before it). */
public final class CategoryHistory implements IdleHistory {
    public long lastActivity = NONE;
    public long paidOrders;
    public long paidCents;

    @Override
    public boolean expired(long t) {
        return FeatureTime.idle(lastActivity, t, IDLE_RETENTION);
    }

    @Override
    public long expiresAt() {
        return lastActivity == NONE ? NONE : lastActivity + IDLE_RETENTION;
    }

    /** A payment or refund in the category (canonical order): its amount against the mean of the payments before it. */
    public FeaturePart apply(OrderEvent order) {
        lastActivity = order.getEventTime();
        double mean = paidOrders == 0 ? order.getAmountCents() : (double) paidCents / paidOrders;
        FeaturePart part = new FeaturePart(order.getLeaderId(), order.getEventId(), order.getEventTime(), FeatureSource.CATEGORY,
                new double[] {ratio(order.getAmountCents(), mean)});
        if (order.getType() == OrderEventType.PAID) {
            paidOrders++;
            paidCents += order.getAmountCents();
        }
        return part;
    }

    static double ratio(long amountCents, double mean) {
        return amountCents / Math.max(1.0, mean);
    }
}
