package io.leaderlens.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongSeriesTest {
    @Test
    void behavesAsAListOfLongsUnderEveryOperationTheHistoriesUse() {
        Random random = new Random(7);
        LongSeries series = new LongSeries();
        List<Long> expected = new ArrayList<>();
        long time = 1_000;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 4) {
                time += random.nextInt(5);
                series.add(time);
                expected.add(time);
            } else if (op == 4 && !expected.isEmpty()) {
                int n = random.nextInt(expected.size() + 1);
                series.removeFirst(n);
                expected.subList(0, n).clear();
            } else if (op == 5 && !expected.isEmpty()) {
                int at = random.nextInt(expected.size());
                series.removeAt(at);
                expected.remove(at);
            } else if (op == 6) {
                long key = time - random.nextInt(50);
                int found = series.binarySearch(key);
                int reference = Collections.binarySearch(expected, key);
                if (reference >= 0) {
                    assertThat(found).as("found %d", key).isGreaterThanOrEqualTo(0);
                    assertThat(expected.get(found)).isEqualTo(key);
                } else {
                    assertThat(found).as("insertion point of %d", key).isEqualTo(reference);
                }
            } else if (op == 7) {
                int at = -series.binarySearch(time + 1) - 1; // after every value: keeps the series ascending
                series.insert(at, time + 1);
                expected.add(at, time + 1);
                time++;
            } else if (op == 8 && !expected.isEmpty()) {
                int at = random.nextInt(expected.size());
                series.set(at, expected.get(at)); // same value: the order stays, set is exercised
            } else if (op == 9) {
                long from = time - random.nextInt(100);
                long to = from + random.nextInt(100);
                assertThat(series.countIn(from, to)).isEqualTo((int) expected.stream().filter(v -> v > from && v <= to).count());
            }
            assertThat(series.size()).isEqualTo(expected.size());
            if (!expected.isEmpty()) {
                assertThat(series.get(0)).isEqualTo(expected.get(0));
                assertThat(series.last()).isEqualTo(expected.get(expected.size() - 1));
            }
        }
        assertThat(series.toArray()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void copiesAreIndependentAndEqualByContent() {
        LongSeries series = LongSeries.of(1, 2, 3);
        series.removeFirst(1);
        LongSeries copy = series.copy();
        assertThat(copy).isEqualTo(LongSeries.of(2, 3)).hasSameHashCodeAs(LongSeries.of(2, 3));
        series.add(4);
        assertThat(copy.toArray()).containsExactly(2, 3);
        assertThat(series).isNotEqualTo(copy);
    }

    @Test
    void refusesIndexesOutsideTheSeries() {
        LongSeries series = LongSeries.of(5, 6);
        series.removeFirst(1);
        assertThatThrownBy(() -> series.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> series.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> series.removeFirst(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> series.insert(2, 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new LongSeries().last()).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
