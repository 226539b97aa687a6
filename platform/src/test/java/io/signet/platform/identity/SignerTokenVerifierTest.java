package io.signet.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.signet.schemas.SignerClaims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignerTokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static ECKey ecKey;
    static RSAKey rsaKey;
    static ECKey strangerKey;
    static SignerTokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa").generate();
        strangerKey = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        verifier = new SignerTokenVerifier(
                new ImmutableJWKSet<>(new JWKSet(List.of(ecKey.toPublicJWK(), rsaKey.toPublicJWK()))),
                "https://idp.example",
                "signet",
                Duration.ofSeconds(30),
                List.of("ES256", "RS256", "PS256", "HS256"),
                "roles",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer("https://idp.example")
                .audience("signet")
                .subject("person-1")
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .claim("given_name", "Erika")
                .claim("family_name", "Mustermann")
                .claim("birthdate", "1964-08-12")
                .claim("nationalities", List.of("DE"))
                .claim("address", Map.of("country", "DE", "postal_code", "51147", "locality", "Koeln"));
    }

    static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static void assert401(String token, String message) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidSignerTokenException.class)
                .hasMessageContaining(message);
    }

    @Test
    void validEs256TokenGivesTheIdentityClaims() throws Exception {
        SignerClaims signer = verifier.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(ecKey), "ec", claims().build()))
                .claims();
        assertThat(signer.subject()).isEqualTo("person-1");
        assertThat(signer.givenName()).isEqualTo("Erika");
        assertThat(signer.birthdate()).isEqualTo(LocalDate.of(1964, 8, 12));
        assertThat(signer.nationalities()).containsExactly("DE");
        assertThat(signer.country()).isEqualTo("DE");
        assertThat(signer.locality()).isEqualTo("Koeln");
    }

    @Test
    void rolesComeFromTheRolesClaimAsAListOrASpaceSeparatedString() throws Exception {
        assertThat(verifier.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(ecKey), "ec", claims().build()))
                        .roles())
                .isEmpty();
        assertThat(verifier.verify(sign(
                                JWSAlgorithm.ES256,
                                new ECDSASigner(ecKey),
                                "ec",
                                claims().claim("roles", List.of("auditor", "x")).build()))
                        .hasRole("auditor"))
                .isTrue();
        assertThat(verifier.verify(sign(
                                JWSAlgorithm.ES256,
                                new ECDSASigner(ecKey),
                                "ec",
                                claims().claim("roles", "x auditor").build()))
                        .roles())
                .containsExactlyInAnyOrder("auditor", "x");
    }

    @Test
    void rsaTokensAreAcceptedToo() throws Exception {
        assertThat(verifier.verify(sign(JWSAlgorithm.PS256, new RSASSASigner(rsaKey), "rsa", claims().build()))
                        .subject())
                .isEqualTo("person-1");
    }

    @Test
    void expiredBeyondTheSkewIs401ButWithinTheSkewPasses() throws Exception {
        String expired = sign(
                JWSAlgorithm.ES256,
                new ECDSASigner(ecKey),
                "ec",
                claims().expirationTime(Date.from(NOW.minusSeconds(31))).build());
        assert401(expired, "expired");
        String justExpired = sign(
                JWSAlgorithm.ES256,
                new ECDSASigner(ecKey),
                "ec",
                claims().expirationTime(Date.from(NOW.minusSeconds(10))).build());
        assertThat(verifier.verify(justExpired).subject()).isEqualTo("person-1");
    }

    @Test
    void wrongAudienceOrIssuerIs401() throws Exception {
        assert401(
                sign(
                        JWSAlgorithm.ES256,
                        new ECDSASigner(ecKey),
                        "ec",
                        claims().audience("other").build()),
                "audience");
        assert401(
                sign(
                        JWSAlgorithm.ES256,
                        new ECDSASigner(ecKey),
                        "ec",
                        claims().issuer("https://evil.example").build()),
                "issuer");
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        assert401(sign(JWSAlgorithm.ES256, new ECDSASigner(strangerKey), "ec", claims().build()), "signature");
    }

    @Test
    void algNoneIsRejected() {
        assert401(new PlainJWT(claims().build()).serialize(), "alg none");
    }

    @Test
    void hmacKeyedWithThePublicKeyIsRejectedEvenIfConfigured() throws Exception {
        // The classic algorithm confusion: HS256 with the verifier's public key as the shared secret.
        byte[] publicKeyAsSecret = ecKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        assert401(sign(JWSAlgorithm.HS256, new MACSigner(publicKeyAsSecret), "ec", claims().build()), "signature");
        byte[] rsaPublic = rsaKey.toRSAPublicKey().getEncoded();
        byte[] secret = new byte[Math.max(32, rsaPublic.length)];
        System.arraycopy(rsaPublic, 0, secret, 0, rsaPublic.length);
        assert401(sign(JWSAlgorithm.HS256, new MACSigner(secret), "rsa", claims().build()), "signature");
    }

    @Test
    void aCachedTokenStillExpires() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SignerTokenVerifier cachingVerifier = new SignerTokenVerifier(
                new ImmutableJWKSet<>(new JWKSet(List.of(ecKey.toPublicJWK()))),
                "https://idp.example",
                "signet",
                Duration.ofSeconds(30),
                List.of("ES256"),
                "roles",
                moving);
        String token = sign(JWSAlgorithm.ES256, new ECDSASigner(ecKey), "ec", claims().build());
        assertThat(cachingVerifier.verify(token).subject()).isEqualTo("person-1");
        assertThat(cachingVerifier.verify(token).subject()).isEqualTo("person-1");
        now.set(NOW.plusSeconds(300 + 31));
        assertThatThrownBy(() -> cachingVerifier.verify(token)).hasMessageContaining("expired");
    }

    @Test
    void missingOrGarbageTokenIs401() {
        assert401(null, "Missing");
        assert401("", "Missing");
        assert401("not.a.jwt", "not a JWT");
    }
}
