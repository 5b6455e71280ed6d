package io.leaderlens.commissions.standing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One leader's trailing figures as state: what each event of the last 30 days added (so it can leave the
 * window), their sums, paid orders per buyer, and alert scores of the last 7 days. Public fields: kept in
 * Flink state by the POJO serializer.
 */
public final class StandingWindow {
    /** What one event added, remembered until it leaves the window. */
    public record Contribution(long time, long grossCents, long refundCents, String buyer, long formed, long failed, long shares,
                               long scans, long signups) {}

    /** The highest score of one fraud alert on the leader, and when it came. */
    public record AlertScore(long time, double score) {}

    public List<Contribution> window = new ArrayList<>();
    public long grossCents;
    public long refundCents;
    public long formed;
    public long failed;
    public long shares;
    public long scans;
    public long signups;
    public Map<String, Integer> paymentsByBuyer = new HashMap<>();
    public List<AlertScore> alertScores = new ArrayList<>();
    public int openHolds;
    public String city = "";

    public StandingWindow() {}

    /** Nothing in the window and no open hold: the standing of a leader with no recent activity. */
    public boolean quiet() {
        return window.isEmpty() && alertScores.isEmpty() && openHolds == 0;
    }

    /** When the last thing in it leaves the window (or {@code Long.MIN_VALUE} when empty). */
    public long lastTime() {
        long last = Long.MIN_VALUE;
        if (!window.isEmpty()) {
            last = window.get(window.size() - 1).time();
        }
        if (!alertScores.isEmpty()) {
            last = Math.max(last, alertScores.get(alertScores.size() - 1).time());
        }
        return last;
    }
}
