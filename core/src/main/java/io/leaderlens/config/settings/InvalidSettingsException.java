package io.leaderlens.config.settings;

import java.util.List;

/** A configuration refused as a whole, with every problem found in it. */
public final class InvalidSettingsException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidSettingsException(String what, List<String> problems) {
        super(what + " refused, nothing started: " + problems.size() + " problem(s): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
