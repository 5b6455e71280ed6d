package io.leaderlens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files behind the local Trino's sign-in; that Trino accepts them is LakehouseHygieneIT's part. */
class TrinoSecurityTest {
    @Test
    void preparesOwnerOnlyPasswordsTheirHashesACertificateAndTheRulesOnce(@TempDir Path dataDir) throws Exception {
        TrinoSecurity security = TrinoSecurity.of(dataDir);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        security.prepare(keytool);

        for (String role : TrinoSecurity.ROLES) {
            assertThat(security.password(role)).get().asString().hasSizeGreaterThanOrEqualTo(20);
        }
        List<String> lines = Files.readAllLines(security.passwordFile());
        assertThat(lines).hasSize(TrinoSecurity.ROLES.size()).allSatisfy(line -> {
            assertThat(line).matches("[a-z]+:10000:[0-9a-f]{32}:[0-9a-f]{128}");
            assertThat(line).doesNotContain(security.password(line.substring(0, line.indexOf(':'))).orElseThrow());
        });
        for (Path secret : List.of(security.credentialsFile(), security.passwordFile(), security.keystore())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString()).isEqualTo("rw-------");
        }
        assertThat(Files.readString(security.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(security.rules())).contains("\"impersonation\"");

        String before = security.password("ops").orElseThrow();
        security.prepare(keytool); // a restart keeps the passwords
        assertThat(security.password("ops")).contains(before);
        assertThat(security.serverConfig(8443)).containsEntry("http-server.authentication.type", "PASSWORD")
                .containsEntry("http-server.https.port", "8443");
    }
}
