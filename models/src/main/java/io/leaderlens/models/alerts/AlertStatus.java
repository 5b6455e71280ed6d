package io.leaderlens.models.alerts;

/** Where an alert is in its life: each change is one record, so the latest record of an alert id is its state. */
public enum AlertStatus {
    /** the period's first flagged event: the risk team is paged now, not when the period ends */
    OPEN,
    /** another flagged event joined: count, max score, reasons and perhaps a stronger action */
    UPDATED,
    /** the period ended: nothing joins any more (the record carries the final figures) */
    CLOSED
}
