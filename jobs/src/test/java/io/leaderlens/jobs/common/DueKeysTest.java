package io.leaderlens.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class DueKeysTest {
    private record Entry(long time, String key, int added) {}

    @Test
    void takesWhatIsDueEarliestFirstAndEntriesOfOneTimeInTheOrderTheyCame() throws Exception {
        Random random = new Random(7);
        DueKeys<String> index = new DueKeys<>();
        List<Entry> added = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long time = 1_000_000 + random.nextInt(20_000) - (i % 97 == 0 ? 5_000_000 : 0); // a few far earlier
            String key = "k" + random.nextInt(300);
            index.add(time, key);
            added.add(new Entry(time, key, i));
        }
        assertThat(index.size()).isEqualTo(5_000);
        assertThat(index.first()).isEqualTo(added.stream().mapToLong(Entry::time).min().orElseThrow());

        List<Entry> taken = new ArrayList<>();
        long[] watermarks = {-1, 1_000_000 + 4_321, 1_000_000 + 4_321, 1_000_000 + 9_999, 1_000_000 + 10_000, Long.MAX_VALUE};
        long previous = Long.MIN_VALUE;
        for (long watermark : watermarks) {
            long through = previous;
            List<Entry> expected = added.stream().filter(e -> e.time() > through && e.time() <= watermark)
                    .sorted(Comparator.comparingLong(Entry::time).thenComparingInt(Entry::added)).toList();
            List<Entry> now = new ArrayList<>();
            index.takeDue(watermark, (time, key) -> now.add(new Entry(time, key, -1)));
            assertThat(now).as("through %d", watermark).extracting(Entry::time, Entry::key)
                    .containsExactlyElementsOf(expected.stream().map(e -> Tuple.tuple(e.time(), e.key())).toList());
            taken.addAll(now);
            previous = Math.max(previous, watermark);
            assertThat(index.size()).as("left after %d", watermark).isEqualTo((int) added.stream().filter(e -> e.time() > watermark).count());
        }
        assertThat(taken).hasSize(5_000);
        assertThat(index.first()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void entriesAddedByTheActionAtOrBeforeNowAreTakenToo() throws Exception {
        DueKeys<String> index = new DueKeys<>();
        index.add(1_500, "a");
        List<String> taken = new ArrayList<>();
        index.takeDue(1_600, (time, key) -> {
            taken.add(key + "@" + time);
            if (key.equals("a")) {
                index.add(1_550, "b"); // same second, still due
                index.add(900, "c"); // an earlier second
                index.add(1_700, "d"); // not yet due
            }
        });
        assertThat(taken).containsExactly("a@1500", "c@900", "b@1550");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.first()).isEqualTo(1_700);
    }

    @Test
    void aDistinctIndexAppliesAKeyOncePerTime() throws Exception {
        DueKeys<String> index = new DueKeys<>(true);
        index.add(2_020, "a");
        index.add(2_020, "b");
        index.add(2_020, "a");
        index.add(2_040, "a");
        List<String> taken = new ArrayList<>();
        index.takeDue(3_000, (time, key) -> taken.add(key + "@" + time));
        assertThat(taken).containsExactly("a@2020", "b@2020", "a@2040");
        assertThat(index.size()).isZero();
    }
}
