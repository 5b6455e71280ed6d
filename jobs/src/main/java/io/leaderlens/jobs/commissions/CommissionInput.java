package io.leaderlens.jobs.commissions;

import io.leaderlens.commissions.engine.AlertResolution;
import io.leaderlens.commissions.engine.FraudAlertNotice;
import io.leaderlens.events.PlatformEvent;

/**
 * One thing the commission engine reacts to, for one selling leader: a platform event, a fraud alert, or a
 * review's verdict. Exactly one of the three is set. {@code order} breaks ties at the same millisecond:
 * events first (by id), then alerts, then verdicts, so a run is repeatable.
 */
public record CommissionInput(String leaderId, long time, int order, String id, PlatformEvent event, FraudAlertNotice alert,
                              AlertResolution resolution) {
    public static CommissionInput of(PlatformEvent event) {
        return new CommissionInput(event.leaderId(), event.eventTime(), 0, event.eventId(), event, null, null);
    }

    public static CommissionInput of(FraudAlertNotice alert) {
        return new CommissionInput(alert.leaderId(), alert.effectiveAt(), 1, alert.alertId(), null, alert, null);
    }

    public static CommissionInput of(AlertResolution resolution) {
        return new CommissionInput(resolution.leaderId(), resolution.resolvedAt(), 2, resolution.alertId(), null, null, resolution);
    }

    public String describe() {
        return event != null ? "event " + id : alert != null ? "fraud alert " + id : "review of alert " + id;
    }
}
