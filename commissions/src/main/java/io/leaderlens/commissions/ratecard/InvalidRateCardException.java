package io.leaderlens.commissions.ratecard;

import java.util.List;

/** A rate card that cannot be applied, with every problem found (so it is fixed in one go, never half-applied). */
public final class InvalidRateCardException extends RuntimeException {
    private final List<String> problems;

    public InvalidRateCardException(String source, List<String> problems) {
        super("rate card " + source + " refused, nothing applied:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
