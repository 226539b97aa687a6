package io.signet.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A made-up ID provider for the audit ITs: an EC key, its JWKS file, and tokens for any subject and roles. */
final class TestIdentityProvider {

    static final String ISSUER = "https://idp.audit-test.example";
    static final String AUDIENCE = "signet";

    private final ECKey key;
    private final Path jwksFile;

    private TestIdentityProvider(ECKey key, Path jwksFile) {
        this.key = key;
        this.jwksFile = jwksFile;
    }

    static TestIdentityProvider create(Path dir) throws JOSEException, IOException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("audit-test").generate();
        Path file = dir.resolve("idp-jwks.json");
        Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
        return new TestIdentityProvider(key, file);
    }

    Path jwksFile() {
        return jwksFile;
    }

    String token(String subject, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("roles", List.of(roles))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
