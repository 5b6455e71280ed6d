package io.leaderlens.features;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A subject's (member's) recent purchases over several trailing windows: how many and how much. Events
 * must arrive in event-time order per subject; entries older than the longest window are forgotten.
 * The same object serves offline training (one pass over history) and a streaming job (one per key).
 */
public final class SpendingWindows {
    /** Count and total over one window; {@code meanCents} is 0 for an empty window. */
    public record Spending(long count, long totalCents) {
        public double meanCents() {
            return count == 0 ? 0 : (double) totalCents / count;
        }
    }

    private record Purchase(long time, long cents) {}

    private final List<Duration> windows;
    private final long longestMillis;
    private final Map<String, ArrayDeque<Purchase>> bySubject = new HashMap<>();

    public SpendingWindows(List<Duration> windows) {
        this.windows = List.copyOf(windows);
        this.longestMillis = windows.stream().mapToLong(Duration::toMillis).max().orElseThrow();
    }

    /** Records a purchase; call {@link #spending} before it to see the history without it. */
    public void add(String subject, long time, long cents) {
        ArrayDeque<Purchase> history = bySubject.computeIfAbsent(subject, s -> new ArrayDeque<>());
        history.addLast(new Purchase(time, cents));
        while (!history.isEmpty() && history.peekFirst().time() <= time - longestMillis) {
            history.removeFirst();
        }
    }

    /** Spending in each window (in the order given), over purchases with time in (now - window, now]. */
    public Spending[] spending(String subject, long now) {
        Spending[] result = new Spending[windows.size()];
        long[] counts = new long[windows.size()];
        long[] totals = new long[windows.size()];
        ArrayDeque<Purchase> history = bySubject.get(subject);
        if (history != null) {
            for (Iterator<Purchase> it = history.descendingIterator(); it.hasNext(); ) {
                Purchase p = it.next();
                if (p.time() > now) {
                    continue;
                }
                for (int w = 0; w < windows.size(); w++) {
                    if (p.time() > now - windows.get(w).toMillis()) {
                        counts[w]++;
                        totals[w] += p.cents();
                    }
                }
            }
        }
        for (int w = 0; w < windows.size(); w++) {
            result[w] = new Spending(counts[w], totals[w]);
        }
        return result;
    }
}
