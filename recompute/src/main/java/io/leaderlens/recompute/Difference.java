package io.leaderlens.recompute;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A key whose landed value differs from the recomputed one (absent on one side: null there). Landed figures are
 * compared with a recomputation key by key, and a failure names the keys, not two whole maps.
 */
public record Difference<V>(String key, V landed, V recomputed) {
    public Difference {
        requireNonNull(key, "key");
    }

    /** The keys of either map whose values differ, in key order. */
    public static <V> List<Difference<V>> between(Map<String, V> landed, Map<String, V> recomputed) {
        TreeSet<String> keys = new TreeSet<>(landed.keySet());
        keys.addAll(recomputed.keySet());
        List<Difference<V>> differences = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(landed.get(key), recomputed.get(key))) {
                differences.add(new Difference<>(key, landed.get(key), recomputed.get(key)));
            }
        }
        return differences;
    }

    @Override
    public String toString() {
        return key + ": " + landed + " landed / " + recomputed + " recomputed";
    }
}
