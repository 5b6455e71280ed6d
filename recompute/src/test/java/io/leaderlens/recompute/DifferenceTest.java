package io.leaderlens.recompute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferenceTest {
    @Test
    void namesEveryKeyWhoseValuesDifferOrThatOneSideLacks() {
        var differences = Difference.between(Map.of("L1", 100L, "L2", 5L, "L3", 7L), Map.of("L1", 100L, "L2", 6L, "L4", 9L));

        assertThat(differences).extracting(Difference::toString).containsExactly(
                "L2: 5 landed / 6 recomputed", "L3: 7 landed / null recomputed", "L4: null landed / 9 recomputed");
    }

    @Test
    void equalMapsHaveNoDifference() {
        assertThat(Difference.between(Map.of("L1", 1L), Map.of("L1", 1L))).isEmpty();
    }
}
