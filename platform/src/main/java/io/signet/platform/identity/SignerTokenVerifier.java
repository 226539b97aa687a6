package io.signet.platform.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.signet.schemas.SignerClaims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verifies the signer's JWT from {@code X-GovStack-AuthenticationToken} against the ID provider's keys: signature
 * with an allowed asymmetric algorithm (so {@code alg: none} and HMAC keyed with a public key fail), issuer,
 * audience, expiry and not-before with a small skew, and a subject. Messages name the failed check but never echo
 * the token. Thread-safe (nimbus' processor is, once configured).
 */
public final class SignerTokenVerifier {

    private static final Set<JWSAlgorithm> NEVER = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /** Verified tokens are remembered until they expire (bounded), so a token reused for several documents costs
     * one signature verification; the expiry is still checked on every use. */
    private static final int MAX_CACHED = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final String issuer;
    private final String audience;
    private final String rolesClaim;
    private final Duration skew;
    private final Clock clock;

    /** @param rolesClaim the claim listing the signer's roles (e.g. {@code auditor}); null or blank: none read */
    public SignerTokenVerifier(
            JWKSource<SecurityContext> keys,
            String issuer,
            String audience,
            Duration skew,
            List<String> algorithms,
            String rolesClaim,
            Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.rolesClaim = rolesClaim;
        this.audience = Objects.requireNonNull(audience, "audience");
        this.skew = skew;
        this.clock = clock;
        Set<JWSAlgorithm> allowed = algorithms.stream()
                .map(JWSAlgorithm::parse)
                .filter(a -> !NEVER.contains(a) && !JWSAlgorithm.Family.HMAC_SHA.contains(a))
                .collect(Collectors.toUnmodifiableSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(allowed, keys));
        // Claims are checked below with our own clock and messages.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    /**
     * The verifier the properties describe: keys from {@code jwks-url} (fetched, cached, refreshed on an unknown key
     * id) or else {@code jwks-file}.
     *
     * @throws IllegalStateException when issuer, audience or a key source is missing or unreadable
     */
    public static SignerTokenVerifier of(IdentityProviderProperties properties, Clock clock) {
        if (properties.issuer() == null || properties.audience() == null) {
            throw new IllegalStateException("Set signet.idp.issuer and signet.idp.audience");
        }
        return new SignerTokenVerifier(
                keys(properties),
                properties.issuer(),
                properties.audience(),
                properties.clockSkew(),
                properties.algorithms(),
                properties.rolesClaim(),
                clock);
    }

    private static JWKSource<SecurityContext> keys(IdentityProviderProperties properties) {
        if (properties.jwksUrl() != null) {
            try {
                return JWKSourceBuilder.<SecurityContext>create(
                                properties.jwksUrl().toURL())
                        .retrying(true)
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("signet.idp.jwks-url is not a URL", e);
            }
        }
        if (properties.jwksFile() == null) {
            throw new IllegalStateException("Set signet.idp.jwks-url or signet.idp.jwks-file");
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.load(properties.jwksFile().toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWKS file " + properties.jwksFile(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("The JWKS file " + properties.jwksFile() + " is not a JWK set", e);
        }
    }

    /**
     * The signer a token names, after every check.
     *
     * @throws InvalidSignerTokenException naming the failed check (never echoing the token)
     */
    public VerifiedSigner verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidSignerTokenException("Missing X-GovStack-AuthenticationToken");
        }
        Verified cached = verified.get(token);
        if (cached != null) {
            if (cached.expires().plus(skew).isBefore(clock.instant())) {
                verified.remove(token);
                throw new InvalidSignerTokenException("Authentication token has expired");
            }
            return cached.signer();
        }
        return verifyUncached(token);
    }

    private VerifiedSigner verifyUncached(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.trim());
        } catch (ParseException e) {
            throw new InvalidSignerTokenException("Authentication token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw new InvalidSignerTokenException("Authentication token is unsigned (alg none is not accepted)");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidSignerTokenException("Authentication token must be a signed JWT (JWS)");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidSignerTokenException(
                    "Authentication token signature is invalid, or its algorithm or key is not accepted");
        }
        checkClaims(claims);
        VerifiedSigner identity = new VerifiedSigner(identity(claims), roles(claims));
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(token, new Verified(identity, claims.getExpirationTime().toInstant()));
        return identity;
    }

    private record Verified(VerifiedSigner signer, Instant expires) {}

    private void checkClaims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidSignerTokenException("Authentication token has the wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new InvalidSignerTokenException("Authentication token has the wrong audience");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidSignerTokenException("Authentication token has no expiry");
        }
        if (exp.toInstant().plus(skew).isBefore(now)) {
            throw new InvalidSignerTokenException("Authentication token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
            throw new InvalidSignerTokenException("Authentication token is not valid yet");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new InvalidSignerTokenException("Authentication token has no subject");
        }
    }

    /** The roles claim as a set: a list of strings, or one space-separated string; absent means no roles. */
    private Set<String> roles(JWTClaimsSet claims) {
        if (rolesClaim == null || rolesClaim.isBlank()) {
            return Set.of();
        }
        Object value = claims.getClaim(rolesClaim);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        if (value instanceof String text) {
            return Stream.of(text.trim().split("\\s+"))
                    .filter(r -> !r.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    /** The identity claims for the one-time certificate; a claim of the wrong type makes the token unusable. */
    private static SignerClaims identity(JWTClaimsSet claims) {
        try {
            Map<String, Object> address = claims.getJSONObjectClaim("address");
            return new SignerClaims(
                    claims.getSubject(),
                    claims.getStringClaim("given_name"),
                    claims.getStringClaim("family_name"),
                    claims.getStringClaim("name"),
                    birthdate(claims.getStringClaim("birthdate")),
                    placeOfBirth(claims.getClaim("place_of_birth")),
                    nationalities(claims),
                    address == null ? null : string(address.get("country")),
                    address == null ? null : string(address.get("postal_code")),
                    address == null ? null : string(address.get("street_address")),
                    address == null ? null : string(address.get("locality")));
        } catch (ParseException | DateTimeParseException e) {
            throw new InvalidSignerTokenException("Authentication token has identity claims of the wrong type");
        }
    }

    private static LocalDate birthdate(String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    /** OIDC identity assurance writes {@code place_of_birth} as an object; some providers send plain text. */
    private static String placeOfBirth(Object claim) {
        if (claim instanceof Map<?, ?> map) {
            String joined = Stream.of(map.get("locality"), map.get("region"), map.get("country"))
                    .filter(Objects::nonNull)
                    .map(Object::toString)
                    .collect(Collectors.joining(", "));
            return joined.isEmpty() ? null : joined;
        }
        return claim == null ? null : claim.toString();
    }

    private static List<String> nationalities(JWTClaimsSet claims) throws ParseException {
        List<String> list = claims.getStringListClaim("nationalities");
        if (list != null) {
            return list;
        }
        String single = claims.getStringClaim("nationality");
        return single == null ? null : List.of(single);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** Exposed for the health of the dev setup and tests: the exact issuer this verifier expects. */
    public String issuer() {
        return issuer;
    }

    /** The audience this verifier expects. */
    public String audience() {
        return audience;
    }
}
