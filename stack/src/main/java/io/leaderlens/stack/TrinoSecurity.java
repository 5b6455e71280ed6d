package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Who may sign in to the local Trino and what each role sees: a self-signed certificate for HTTPS (Trino accepts
 * passwords over HTTPS only), a password per role hashed in Trino's password file, and the file-based access rules
 * ({@code trino/rules.json}: ops, risk, finance, leaders on their own rows, the console, admin). Created once per data
 * directory, owner-only; the rules are rewritten at every start so that they follow this build.
 */
public final class TrinoSecurity {
    /** The roles that sign in with a password; leaders are impersonated by the console (see rules.json). */
    public static final List<String> ROLES = List.of("admin", "ops", "risk", "finance", "console");
    /** Trino's PBKDF2 password check uses HMAC-SHA1 with the stored hash's length; 1,000 iterations is its minimum. */
    private static final int PBKDF2_ITERATIONS = 10_000;

    private final Path dir;

    public TrinoSecurity(Path dir) {
        this.dir = requireNonNull(dir, "dir");
    }

    /** The local stack's security directory under its data directory. */
    public static TrinoSecurity of(Path dataDir) {
        return new TrinoSecurity(dataDir.resolve("trino/security"));
    }

    /** The certificate clients trust (PEM): the JDBC URL names it. */
    public Path certificate() {
        return dir.resolve("trino-cert.pem");
    }

    Path keystore() {
        return dir.resolve("trino-keystore.p12");
    }

    Path passwordFile() {
        return dir.resolve("password.db");
    }

    Path rules() {
        return dir.resolve("rules.json");
    }

    public Path credentialsFile() {
        return dir.resolve("credentials.properties");
    }

    /** The role's password on this stack, if the stack was set up with roles. */
    public Optional<String> password(String role) {
        return Optional.ofNullable(credentials().getProperty(role));
    }

    /** A secret of this stack's own: the keystore's password and Trino's internal shared secret. */
    String stackSecret() {
        return credentials().getProperty("internal.shared-secret");
    }

    /** Writes what is missing: certificate, passwords (plain for the CLI, hashed for Trino); always the rules. */
    public void prepare(Path keytool) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            SecureRandom random = new SecureRandom();
            if (!Files.isRegularFile(credentialsFile())) {
                Properties credentials = new Properties();
                for (String role : ROLES) {
                    credentials.setProperty(role, secret(random, 18));
                }
                credentials.setProperty("internal.shared-secret", secret(random, 32));
                Path tmp = dir.resolve("credentials.properties.tmp");
                try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    credentials.store(out, "passwords of the local Trino's roles (./leaderlens sql --role ...); owner-only");
                }
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.move(tmp, credentialsFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(passwordFile()); // hashes follow the passwords
            }
            if (!Files.isRegularFile(passwordFile())) {
                StringBuilder lines = new StringBuilder();
                for (String role : ROLES) {
                    lines.append(role).append(':').append(pbkdf2(password(role).orElseThrow(), random)).append('\n');
                }
                Files.writeString(passwordFile(), lines.toString());
                Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-------"));
            }
            if (!Files.isRegularFile(keystore()) || !Files.isRegularFile(certificate())) {
                Files.deleteIfExists(keystore());
                String storePassword = stackSecret();
                run(List.of(keytool.toString(), "-genkeypair", "-alias", "trino", "-keyalg", "RSA", "-keysize", "2048",
                        "-validity", "3650", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                        "-storetype", "PKCS12", "-keystore", keystore().toString(), "-storepass", storePassword, "-keypass", storePassword));
                run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "trino", "-keystore", keystore().toString(),
                        "-storepass", storePassword, "-file", certificate().toString()));
                Files.setPosixFilePermissions(keystore(), PosixFilePermissions.fromString("rw-------"));
            }
            try (InputStream in = TrinoSecurity.class.getResourceAsStream("/io/leaderlens/stack/trino/rules.json")) {
                Files.write(rules(), requireNonNull(in, "bundled rules.json").readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The coordinator's settings for HTTPS, password sign-in and the access rules (beside config.properties). */
    Map<String, String> serverConfig(int httpsPort) {
        return Map.of(
                "http-server.https.enabled", "true",
                "http-server.https.port", String.valueOf(httpsPort),
                "http-server.https.keystore.path", keystore().toString(),
                "http-server.https.keystore.key", stackSecret(),
                "http-server.authentication.type", "PASSWORD",
                "internal-communication.shared-secret", stackSecret());
    }

    String passwordAuthenticatorConfig() {
        return "password-authenticator.name=file\nfile.password-file=" + passwordFile() + "\n";
    }

    String accessControlConfig() {
        return "access-control.name=file\nsecurity.config-file=" + rules() + "\nsecurity.refresh-period=5s\n";
    }

    /** Trino's PBKDF2 line: iterations, hex salt, hex hash (HMAC-SHA1, as its password file reads them). */
    static String pbkdf2(String password, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return PBKDF2_ITERATIONS + ":" + HexFormat.of().formatHex(salt) + ":" + HexFormat.of().formatHex(pbkdf2(password, salt, PBKDF2_ITERATIONS));
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 64 * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA1", e);
        }
    }

    private Properties credentials() {
        Properties credentials = new Properties();
        if (Files.isRegularFile(credentialsFile())) {
            try (Reader in = Files.newBufferedReader(credentialsFile(), StandardCharsets.UTF_8)) {
                credentials.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return credentials;
    }

    private static String secret(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(command.get(0) + " " + command.get(1) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
