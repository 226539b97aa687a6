package io.signet.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.signet.platform.identity.SignerTokenVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void createsOnceAndReusesTheKeysWithOwnerOnlyPrivateFiles() throws Exception {
        DevCredentials first = DevCredentials.prepare(dir);
        DevCredentials second = DevCredentials.prepare(dir);
        assertThat(second.rpApiKey()).isEqualTo(first.rpApiKey()).startsWith("sgk_");
        assertThat(Files.readString(second.jwksFile())).isEqualTo(Files.readString(first.jwksFile()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.signingKeyFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve(DevCredentials.RP_KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(JWKSet.load(first.jwksFile().toFile()).getKeys())
                .singleElement()
                .matches(key -> !key.isPrivate());
    }

    @Test
    void mintedTokenVerifiesAgainstThePublishedJwks() throws Exception {
        DevCredentials dev = DevCredentials.prepare(dir);
        SignerTokenVerifier verifier = new SignerTokenVerifier(
                new ImmutableJWKSet<>(JWKSet.load(dev.jwksFile().toFile())),
                dev.issuer(),
                dev.audience(),
                Duration.ofSeconds(30),
                List.of("ES256"),
                "roles",
                Clock.systemUTC());
        assertThat(verifier.verify(dev.signerToken()).claims().familyName()).isEqualTo("Mustermann");
    }

    @Test
    void curlExampleCarriesTheCredentialsAndTheEndpoint() {
        DevCredentials dev = DevCredentials.prepare(dir);
        assertThat(dev.curlExample("http://localhost:8080/"))
                .contains("http://localhost:8080/v1/sign/onetime")
                .contains("Authorization: Bearer " + dev.rpApiKey())
                .contains("X-GovStack-AuthenticationToken: " + dev.signerToken())
                .contains("\"hashType\":\"SHA2-256\"");
    }
}
