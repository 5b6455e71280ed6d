package io.leaderlens.privacy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of identifiers (device ids, IP addresses, payment accounts): {@code k<N>:} and the first 128 bits
 * of HMAC-SHA256 under key version N, base64url. Equal values get equal pseudonyms under one key, so features
 * that count or compare identifiers work unchanged, while the raw value cannot be read back or guessed without
 * the key. The key file lists versions, the current one first; older ones stay listed while data pseudonymised
 * with them is still in use, so a value the risk team holds can be looked up under each ({@link #all}).
 */
public final class Pseudonyms implements Serializable {
    /** Values that are absences, not identifiers: left as they are. */
    private static final String UNKNOWN = "unknown";
    private static final Pattern VERSION = Pattern.compile("k[1-9][0-9]*");
    /** The form of a pseudonym (the definition {@link #isPseudonym} follows; the tests hold it to this). */
    static final Pattern PSEUDONYM = Pattern.compile("k[1-9][0-9]*:[A-Za-z0-9_-]{22}");
    private static final int KEY_BYTES = 32;

    /** One key version. */
    public record Key(String version, byte[] secret) implements Serializable {
        public Key {
            requireNonNull(version, "version");
            requireNonNull(secret, "secret");
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("a key version is k1, k2, ...; got " + version);
            }
            if (secret.length < KEY_BYTES) {
                throw new IllegalArgumentException("key " + version + " has " + secret.length + " bytes; at least " + KEY_BYTES);
            }
            secret = secret.clone();
        }

        @Override
        public String toString() {
            return "Key[" + version + "]"; // never the secret
        }
    }

    private final List<Key> keys;
    /**
     * Per thread, one Mac per key, initialised once: looking the algorithm up and deriving the inner and outer key
     * for every value was 5% of the leader metrics job's CPU (2026-11-28 profile). Each thread only ever uses its
     * own Macs; a race on creating the ThreadLocal costs a second set of Macs (and of recent pseudonyms), nothing else.
     */
    private transient volatile ThreadLocal<PerThread> perThread;

    /** A thread's Macs, one per key, and the pseudonyms it gave last under the current key. */
    private static final class PerThread {
        final Mac[] macs;
        /**
         * Direct-mapped by the value's hash: the same devices, IPs and payment accounts come again and again, and an
         * HMAC per identifier was 3% of the fraud job's CPU (2026-11-29 profile). The values are in memory anyway.
         */
        final String[] recentValues = new String[RECENT];
        final String[] recentPseudonyms = new String[RECENT];

        PerThread(int keys) {
            macs = new Mac[keys];
        }
    }

    private static final int RECENT = 4096;

    public Pseudonyms(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no pseudonym key");
        }
        this.keys = List.copyOf(keys);
    }

    /** The key versions, current first. */
    public List<String> versions() {
        return keys.stream().map(Key::version).toList();
    }

    /**
     * The value's pseudonym under the current key; null, {@code unknown} and values that are pseudonyms already
     * stay as they are (so applying it twice changes nothing).
     */
    public String of(String value) {
        if (value == null || value.equals(UNKNOWN) || isPseudonym(value)) {
            return value;
        }
        PerThread local = local();
        int slot = value.hashCode() & (RECENT - 1);
        if (value.equals(local.recentValues[slot])) {
            return local.recentPseudonyms[slot];
        }
        String pseudonym = under(0, value);
        local.recentValues[slot] = value;
        local.recentPseudonyms[slot] = pseudonym;
        return pseudonym;
    }

    /** The value's pseudonym under every listed key, current first: what to search for during a rotation. */
    public List<String> all(String value) {
        requireNonNull(value, "value");
        List<String> forms = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            forms.add(under(i, value));
        }
        return forms;
    }

    private String under(int keyIndex, String value) {
        byte[] digest = mac(keyIndex).doFinal(value.getBytes(StandardCharsets.UTF_8)); // doFinal leaves the Mac ready for the next value
        return keys.get(keyIndex).version() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    private PerThread local() {
        ThreadLocal<PerThread> local = perThread;
        if (local == null) {
            local = ThreadLocal.withInitial(() -> new PerThread(keys.size()));
            perThread = local;
        }
        return local.get();
    }

    private Mac mac(int keyIndex) {
        Mac[] perKey = local().macs;
        if (perKey[keyIndex] == null) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keys.get(keyIndex).secret(), "HmacSHA256"));
                perKey[keyIndex] = mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }
        return perKey[keyIndex];
    }

    /** {@code k<N>:} and 22 base64url characters, as {@link #PSEUDONYM} says (without a regex: this runs per identifier). */
    static boolean isPseudonym(String value) {
        int colon = value.indexOf(':');
        if (colon < 2 || value.length() != colon + 1 + 22 || value.charAt(0) != 'k' || value.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        for (int i = colon + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a key file: lines {@code k<N>=<base64 key>}, the current key first; blank lines and {@code #} comments
     * are skipped.
     */
    public static Pseudonyms read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no pseudonym key file at " + file + ": ./leaderlens up creates one for the local stack; "
                    + "elsewhere set privacy.key-file (or LEADERLENS_PRIVACY_KEY_FILE) to a file outside the repository");
        }
        List<Key> keys = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new IllegalStateException(file + " line " + lineNumber + ": expected k<N>=<base64 key>");
            }
            try {
                keys.add(new Key(text.substring(0, eq).strip(), Base64.getDecoder().decode(text.substring(eq + 1).strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(file + " holds no pseudonym key");
        }
        return new Pseudonyms(keys);
    }

    /** Writes a key file with one fresh random key, readable by its owner only; an existing file is left alone. */
    public static boolean createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        byte[] secret = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        write(file, List.of(new Key("k1", secret)));
        return true;
    }

    /** Adds a new current key version in front of the listed ones and returns its version. */
    public static String rotate(Path file) throws IOException {
        Pseudonyms current = read(file);
        int next = current.keys.stream().mapToInt(k -> Integer.parseInt(k.version().substring(1))).max().orElse(0) + 1;
        byte[] secret = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        List<Key> keys = new ArrayList<>();
        keys.add(new Key("k" + next, secret));
        keys.addAll(current.keys);
        write(file, keys);
        return "k" + next;
    }

    private static void write(Path file, List<Key> keys) throws IOException {
        StringBuilder text = new StringBuilder("# leaderlens pseudonym keys (HMAC-SHA256): the first is current; keep older ones\n"
                + "# while data pseudonymised with them is in use. Never commit this file.\n");
        for (Key key : keys) {
            text.append(key.version()).append('=').append(Base64.getEncoder().encodeToString(key.secret())).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, ".keys", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
