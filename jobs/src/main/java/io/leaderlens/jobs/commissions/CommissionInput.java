package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.engine.AlertResolution;
import io.leaderlens.commissions.engine.BindingDecision;
import io.leaderlens.commissions.engine.FraudAlertNotice;
import io.leaderlens.events.PlatformEvent;

/**
 * One thing the commission engine reacts to, for one selling leader: a platform event, the referral rules'
 * decision on a binding, a fraud alert, or a review's verdict. Exactly one is set. {@code order} and
 * {@code id} break ties at the same millisecond: events first by id (a binding decision right after its
 * event), then alerts, then verdicts, so a run is repeatable.
 */
public record CommissionInput(String leaderId, long time, int order, String id, PlatformEvent event, BindingDecision binding,
                              FraudAlertNotice alert, AlertResolution resolution) {
    public static CommissionInput of(PlatformEvent event) {
        return new CommissionInput(event.leaderId(), event.eventTime(), 0, event.eventId(), event, null, null, null);
    }

    public static CommissionInput of(BindingDecision binding) {
        return new CommissionInput(binding.leaderId(), binding.time(), 0, binding.eventId() + "#binding", null, binding, null, null);
    }

    public static CommissionInput of(FraudAlertNotice alert) {
        return new CommissionInput(alert.leaderId(), alert.effectiveAt(), 1, alert.alertId(), null, null, alert, null);
    }

    public static CommissionInput of(AlertResolution resolution) {
        return new CommissionInput(resolution.leaderId(), resolution.resolvedAt(), 2, resolution.alertId(), null, null, null, resolution);
    }

    public String describe() {
        return event != null ? "event " + id : binding != null ? "binding " + id : alert != null ? "fraud alert " + id : "review of alert " + id;
    }
}
