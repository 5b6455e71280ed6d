package io.leaderlens.privacy;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import java.io.Serializable;

/**
 * Replaces the identifiers an event carries — an order's device, IP and payment account, a referral's device and
 * IP — by their pseudonyms, in place, at ingest: before the event reaches any state, table, topic or log.
 */
public final class EventPseudonyms implements Serializable {
    private final Pseudonyms pseudonyms;

    public EventPseudonyms(Pseudonyms pseudonyms) {
        this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms");
    }

    /** The same event, its identifiers pseudonymised (the event's records are changed, and returned). */
    public PlatformEvent apply(PlatformEvent event) {
        OrderEvent order = event.order();
        if (order != null) {
            order.setDeviceId(pseudonyms.of(order.getDeviceId()));
            order.setIp(pseudonyms.of(order.getIp()));
            order.setPaymentAccount(pseudonyms.of(order.getPaymentAccount()));
        }
        ReferralEvent referral = event.referral();
        if (referral != null) {
            referral.setDeviceId(pseudonyms.of(referral.getDeviceId()));
            referral.setIp(pseudonyms.of(referral.getIp()));
        }
        return event;
    }
}
