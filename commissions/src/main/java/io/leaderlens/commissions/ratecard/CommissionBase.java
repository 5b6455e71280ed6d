package io.leaderlens.commissions.ratecard;

import io.leaderlens.events.OrderEvent;

/** What a commission rate applies to (the rate card's {@code commission-base}). */
public enum CommissionBase {
    /** What the member paid: the list price less every discount and the points' value (the default). */
    PAID,
    /** The list price: the leader earns on the goods' full value, and the subsidy is the platform's cost alone. */
    LIST;

    /** The order's base in cents. Under LIST an order without a list amount (a producer before schema v3) counts what was paid. */
    public long of(OrderEvent order) {
        return this == LIST && order.getListAmountCents() != null ? order.getListAmountCents() : order.getAmountCents();
    }
}
