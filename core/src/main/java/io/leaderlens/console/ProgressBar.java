package io.leaderlens.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for long work (simulation, backfills, training), redrawn at most a few
 * times a second. When the output is not a terminal it prints a plain line every 10%.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawNanos;
    private int lastDecile = -1;

    public ProgressBar(String label, long total, PrintStream out) {
        this(label, total, out, System.console() != null);
    }

    public ProgressBar(String label, long total, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.interactive = interactive;
    }

    public void step(long n) {
        done += n;
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos >= REDRAW_NANOS || done >= total) {
                lastDrawNanos = now;
                draw(now);
            }
        } else {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf(Locale.ROOT, "%s: %d%% (%,d/%,d)%n", label, decile * 10, done, total);
            }
        }
    }

    private void draw(long now) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) (fraction * WIDTH);
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d %,.0f/s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                (int) (fraction * 100), done, total, rate);
        out.flush();
    }

    @Override
    public void close() {
        if (interactive) {
            draw(System.nanoTime());
            out.println();
        }
    }
}
