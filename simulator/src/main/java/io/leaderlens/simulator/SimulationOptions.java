package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What to simulate. The same options give the same events, byte for byte, whatever the output.
 *
 * @param events           how many event records to emit (duplicates included)
 * @param days             simulated days, starting at local midnight of {@code startDay}
 * @param maxJitterMillis  events leave at most this much out of event-time order
 * @param duplicateRate    share of events sent twice with the same event_id (producer retries)
 * @param fraud            inject the labelled fraud scenarios
 * @param difficulty       how hard that fraud is to tell from honest activity (and how honest activity looks)
 */
public record SimulationOptions(
        long seed, long events, int days, LocalDate startDay, ZoneId zone, long maxJitterMillis,
        double duplicateRate, boolean fraud, Difficulty difficulty) {

    public SimulationOptions {
        requireNonNull(startDay, "startDay");
        requireNonNull(zone, "zone");
        requireNonNull(difficulty, "difficulty");
        if (events <= 0) {
            throw new IllegalArgumentException("--events must be positive, got " + events);
        }
        if (days <= 0) {
            throw new IllegalArgumentException("--days must be positive, got " + days);
        }
        if (duplicateRate < 0 || duplicateRate >= 1) {
            throw new IllegalArgumentException("duplicate rate must be in [0, 1), got " + duplicateRate);
        }
    }

    /** The separable world (what tests that must see every scenario caught simulate). */
    public SimulationOptions(long seed, long events, int days, LocalDate startDay, ZoneId zone, long maxJitterMillis,
                             double duplicateRate, boolean fraud) {
        this(seed, events, days, startDay, zone, maxJitterMillis, duplicateRate, fraud, Difficulty.SEPARABLE);
    }

    public static SimulationOptions defaults(long seed, long events, int days) {
        return new SimulationOptions(seed, events, days, LocalDate.of(2026, 11, 16), ZoneId.of("Asia/Shanghai"),
                20_000, 0.002, true);
    }

    public SimulationOptions withDifficulty(Difficulty newDifficulty) {
        return new SimulationOptions(seed, events, days, startDay, zone, maxJitterMillis, duplicateRate, fraud, newDifficulty);
    }

    public boolean realistic() {
        return difficulty == Difficulty.REALISTIC;
    }

    public long startMillis() {
        return startDay.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public long endMillis() {
        return startDay.plusDays(days).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
