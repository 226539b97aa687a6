package io.signet.certworker;

import com.nimbusds.jose.JOSEObjectType;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** A test ID provider: one EC P-256 key, its JWKS in a file, and tokens with identity claims. */
public final class TestIdp {

    public static final String ISSUER = "https://idp.test";
    public static final String AUDIENCE = "signet";
    public static final ECKey KEY = generate();

    private TestIdp() {}

    public static Path jwksFile(Path directory) {
        Path file = directory.resolve("jwks.json");
        try {
            Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A token for a person with the usual identity claims. */
    public static String token(String subject, String given, String family, boolean admin) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .issueTime(new Date())
                .claim("name", given + " " + family)
                .claim("given_name", given)
                .claim("family_name", family)
                .claim("birthdate", "1980-01-31")
                .claim("nationalities", List.of("DE"))
                .claim("address", Map.of("country", "DE", "postal_code", "10115", "street_address", "Main St 1"));
        if (admin) {
            claims.claim("roles", List.of("signet-admin"));
        }
        return sign(claims.build());
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(KEY.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("test-idp").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
