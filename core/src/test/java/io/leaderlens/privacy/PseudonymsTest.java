package io.leaderlens.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPseudonymIsTheKeyVersionAndATruncatedHmacOfTheValue() throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms(List.of(new Pseudonyms.Key("k1", SECRET)));
        // recomputed here with the JDK's HMAC directly
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = "k1:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(mac.doFinal("dev-42".getBytes(StandardCharsets.UTF_8)), 16));
        assertThat(pseudonyms.of("dev-42")).isEqualTo(expected).hasSize(25);
        assertThat(pseudonyms.of("dev-42")).isEqualTo(pseudonyms.of("dev-42")).isNotEqualTo(pseudonyms.of("dev-43"));
        assertThat(pseudonyms.of(expected)).as("applying it twice changes nothing").isEqualTo(expected);
        assertThat(pseudonyms.of(null)).isNull();
        assertThat(pseudonyms.of("unknown")).isEqualTo("unknown");
    }

    @Test
    void valuesThatComeAgainOrShareASlotOfTheRecentOnesGetTheirOwnPseudonym() throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms(List.of(new Pseudonyms.Key("k1", SECRET)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        // "Aa" and "BB" have the same hash, so they share a slot; 20,000 values evict each other many times over
        List<String> values = new java.util.ArrayList<>(List.of("Aa", "BB", "Aa", "BB"));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                values.add("dev-" + i);
            }
        }
        for (String value : values) {
            String expected = "k1:" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 16));
            assertThat(pseudonyms.of(value)).as(value).isEqualTo(expected);
        }
    }

    @Test
    void recognisesExactlyTheFormOfAPseudonym() {
        Pseudonyms pseudonyms = new Pseudonyms(List.of(new Pseudonyms.Key("k1", SECRET)));
        List<String> samples = new java.util.ArrayList<>(List.of("", "k", "k1", "k1:", "k0:AAAAAAAAAAAAAAAAAAAAAA", "k:AAAAAAAAAAAAAAAAAAAAAA",
                "k12:AAAAAAAAAAAAAAAAAAAAAA", "k1:AAAAAAAAAAAAAAAAAAAAA", "k1:AAAAAAAAAAAAAAAAAAAAAAA", "k1:AAAAAAAAAA+AAAAAAAAAAA",
                "k1:AAAAAAAAAA=AAAAAAAAAAA", "x1:AAAAAAAAAAAAAAAAAAAAAA", "k1a:AAAAAAAAAAAAAAAAAAAAA", "k1:AAAAAAAAAAAAAAAAAAAAA:",
                "k1:-_09azAZ-_09azAZ-_09az", "10.0.0.7", "dev-42", "K1:AAAAAAAAAAAAAAAAAAAAAA"));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            samples.add(pseudonyms.of("id-" + i));
            char[] mutated = pseudonyms.of("id-" + i).toCharArray();
            mutated[random.nextInt(mutated.length)] = "k0:9aZ_-+/= é".charAt(random.nextInt(13));
            samples.add(new String(mutated));
        }
        for (String sample : samples) {
            assertThat(Pseudonyms.isPseudonym(sample)).as(sample).isEqualTo(Pseudonyms.PSEUDONYM.matcher(sample).matches());
        }
    }

    @Test
    void threadsPseudonymiseAlikeEachWithItsOwnMac() throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms(List.of(new Pseudonyms.Key("k2", SECRET), new Pseudonyms.Key("k1", new byte[32])));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 500; i++) {
            expected.put("ip-" + i, "k2:" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(mac.doFinal(("ip-" + i).getBytes(StandardCharsets.UTF_8)), 16)));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<java.util.Map<String, String>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    java.util.Map<String, String> seen = new java.util.HashMap<>();
                    for (int round = 0; round < 3; round++) {
                        for (String value : expected.keySet()) {
                            pseudonyms.all(value); // the older key's Mac in between
                            seen.put(value, pseudonyms.of(value));
                        }
                    }
                    return seen;
                }));
            }
            for (java.util.concurrent.Future<java.util.Map<String, String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRotatedFileHashesWithTheNewKeyAndStillResolvesTheOld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        assertThat(Pseudonyms.createIfMissing(file)).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String before = Pseudonyms.read(file).of("10.0.0.7");
        assertThat(Pseudonyms.createIfMissing(file)).as("an existing key is kept").isFalse();
        assertThat(Pseudonyms.read(file).of("10.0.0.7")).isEqualTo(before);

        assertThat(Pseudonyms.rotate(file)).isEqualTo("k2");
        Pseudonyms rotated = Pseudonyms.read(file);
        assertThat(rotated.versions()).containsExactly("k2", "k1");
        assertThat(rotated.of("10.0.0.7")).startsWith("k2:").isNotEqualTo(before);
        assertThat(rotated.all("10.0.0.7")).containsExactly(rotated.of("10.0.0.7"), before);
        assertThat(Files.readString(file)).doesNotContain("10.0.0.7");
    }

    @Test
    void aMissingOrBrokenKeyFileSaysWhatToDo(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Pseudonyms.read(dir.resolve("none"))).hasMessageContaining("./leaderlens up creates one");
        Path shortKey = dir.resolve("short");
        Files.writeString(shortKey, "k1=" + Base64.getEncoder().encodeToString(new byte[8]) + "\n");
        assertThatThrownBy(() -> Pseudonyms.read(shortKey)).hasMessageContaining("at least 32");
        assertThat(new Pseudonyms.Key("k1", SECRET).toString()).doesNotContain("0123");
    }
}
