package io.leaderlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureJobTest {
    private static final long SECOND = 1_000_000_000L;

    /** A run of 1,000 events: 100 in each of its first 5 s, then 250 in each of its last 2 s. */
    private static List<long[]> samples() {
        List<long[]> samples = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            samples.add(new long[] {s * SECOND, 100L * s});
        }
        samples.add(new long[] {6 * SECOND, 750});
        samples.add(new long[] {7 * SECOND, 1_000});
        return samples;
    }

    @Test
    void theRateOfEachTenthIsTimedAtTheSamplesThatCrossIt() {
        // tenths 1–5 take a second each (100/s); the sample at 6 s crosses tenths 6 and 7 at once (250 events in 1 s),
        // the one at 7 s tenths 8 to 10
        assertThat(MeasureJob.ratePerTenth(samples(), 1_000)).isEqualTo("100 100 100 100 100 250 250");
    }

    @Test
    void theSustainedRateLeavesOutTheFirstTenthAndTheLastStep() {
        // from the sample at 100 events (1 s) to the last before all 1,000 (750 at 6 s): 650 events in 5 s
        assertThat(MeasureJob.sustainedRate(samples(), 1_000)).isEqualTo(130.0);
    }
}
