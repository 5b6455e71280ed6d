package io.leaderlens.features;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often a place (a pickup point, a leader) had bad outcomes lately, using only outcomes that are known
 * by now: an outcome (fraud confirmed, refund-only claim upheld) becomes known a fixed delay after the
 * transaction. At time t, window w covers transactions in (t - delay - w, t - delay]. That delay is what
 * keeps labels of the scored period out of the features.
 */
public final class DelayedOutcomeRisk {
    /** Transactions and bad ones in one window; {@code rate} is 0 for an empty window. */
    public record Risk(long transactions, long bad) {
        public double rate() {
            return transactions == 0 ? 0 : (double) bad / transactions;
        }
    }

    private record Outcome(long time, boolean bad) {}

    private final Duration delay;
    private final List<Duration> windows;
    private final long horizonMillis;
    private final Map<String, ArrayDeque<Outcome>> byPlace = new HashMap<>();

    public DelayedOutcomeRisk(Duration delay, List<Duration> windows) {
        this.delay = delay;
        this.windows = List.copyOf(windows);
        this.horizonMillis = delay.toMillis() + windows.stream().mapToLong(Duration::toMillis).max().orElseThrow();
    }

    /** Records a transaction at {@code time} whose outcome will count once {@code delay} has passed. */
    public void add(String place, long time, boolean bad) {
        ArrayDeque<Outcome> history = byPlace.computeIfAbsent(place, p -> new ArrayDeque<>());
        history.addLast(new Outcome(time, bad));
        while (!history.isEmpty() && history.peekFirst().time() <= time - horizonMillis) {
            history.removeFirst();
        }
    }

    public Risk[] risk(String place, long now) {
        long[] transactions = new long[windows.size()];
        long[] bad = new long[windows.size()];
        long known = now - delay.toMillis();
        ArrayDeque<Outcome> history = byPlace.get(place);
        if (history != null) {
            for (Outcome o : history) {
                if (o.time() > known) {
                    break; // in time order: the rest is not known yet
                }
                for (int w = 0; w < windows.size(); w++) {
                    if (o.time() > known - windows.get(w).toMillis()) {
                        transactions[w]++;
                        if (o.bad()) {
                            bad[w]++;
                        }
                    }
                }
            }
        }
        Risk[] result = new Risk[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            result[w] = new Risk(transactions[w], bad[w]);
        }
        return result;
    }
}
