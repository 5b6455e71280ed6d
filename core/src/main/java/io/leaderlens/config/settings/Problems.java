package io.leaderlens.config.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Every problem of a configuration, collected before it is refused, so one run shows them all. */
final class Problems {
    private final List<String> found = new ArrayList<>();

    /** The value read, or the fallback when reading it failed (the failure is kept). */
    <T> T read(Supplier<T> reader, T fallback) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            found.add(e.getMessage());
            return fallback;
        }
    }

    void check(boolean holds, String problem) {
        if (!holds) {
            found.add(problem);
        }
    }

    void refuseIfAny(String what) {
        if (!found.isEmpty()) {
            throw new InvalidSettingsException(what, found);
        }
    }
}
