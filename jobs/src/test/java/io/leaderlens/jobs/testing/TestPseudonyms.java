package io.leaderlens.jobs.testing;

import io.leaderlens.privacy.EventPseudonyms;
import io.leaderlens.privacy.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A fixed pseudonym key for jobs under test (never one a deployment uses). */
public final class TestPseudonyms {
    public static final Pseudonyms KEYS = new Pseudonyms(List.of(new Pseudonyms.Key("k1",
            "leaderlens-test-key-not-for-use!".getBytes(StandardCharsets.US_ASCII))));

    private TestPseudonyms() {}

    public static EventPseudonyms events() {
        return new EventPseudonyms(KEYS);
    }
}
