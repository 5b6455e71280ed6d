package io.leaderlens.commissions.rates;

import static java.util.Objects.requireNonNull;

/**
 * One reason behind a rate: a stable code (what changed, for deciding whether to republish) and the words a
 * leader is shown (with the current figures, which move with every order).
 */
public record RateReason(String code, String words) implements java.io.Serializable {
    public RateReason {
        requireNonNull(code, "code");
        requireNonNull(words, "words");
    }

    @Override
    public String toString() {
        return words;
    }
}
