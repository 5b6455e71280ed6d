package io.leaderlens.features;

/**
 * Time constants and the retention of every per-key history behind the fraud features. A history unused for
 * its retention is forgotten: the logic treats it as absent from then on (so offline and streaming agree),
 * and the streaming job drops its state at the same moment with an event-time timer.
 */
public final class FeatureTime {
    public static final long NONE = Long.MIN_VALUE;
    public static final long SECOND = 1_000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    public static final long WEEK = 7 * DAY;

    /** A member, leader or category idle this long starts over (ages beyond it read as long-established). */
    public static final long IDLE_RETENTION = 30 * DAY;
    /** Picked-up orders are remembered this long, so a refund-only claim within it is recognised. */
    public static final long PICKUP_MEMORY = 30 * DAY;
    /** A closed group buy is still looked up this long by its orders' refunds; an unclosed one past its deadline too. */
    public static final long GROUP_MEMORY = DAY;
    /**
     * Leader-scale facts (which account is a leader's own, the recruitment graph): one entry per leader, not per
     * event, so they are kept long; a fact not renewed for this long is dropped.
     */
    public static final long LEADER_FACT_RETENTION = 400 * DAY;

    private FeatureTime() {}

    /** True when {@code lastActivity} is set and at least {@code retention} before {@code t}. */
    public static boolean idle(long lastActivity, long t, long retention) {
        return lastActivity != NONE && lastActivity <= t - retention;
    }
}
