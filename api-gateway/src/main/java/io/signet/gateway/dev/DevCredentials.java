package io.signet.gateway.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.signet.gateway.auth.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The development ID provider and development RP of the embedded default (dev profile only). {@link #prepare}
 * creates once, and afterwards reuses, an EC P-256 signing key for a fake ID provider and an RP API key under a
 * directory; the gateway in dev mode trusts the public JWKS and seeds the RP. Never use outside development: the
 * keys sit in plain files (owner-only permissions).
 *
 * @param rpApiKey the dev RP's API key, for {@code Authorization: Bearer}
 * @param signerToken a freshly minted signer JWT, valid for {@link #TOKEN_VALIDITY}, with realistic fake claims
 * @param jwksFile the public JWKS of the dev ID provider
 * @param signingKeyFile the dev ID provider's private JWK (mode 0600)
 * @param issuer the dev ID provider's issuer
 * @param audience the audience the dev gateway expects
 */
public record DevCredentials(
        String rpApiKey, String signerToken, Path jwksFile, Path signingKeyFile, String issuer, String audience) {

    public static final String ISSUER = "https://id.dev.signet.invalid";
    public static final String AUDIENCE = "signet-gateway";
    public static final String RP_ID = "dev-rp";
    public static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    static final String SIGNING_KEY_FILE = "dev-idp-signing-key.jwk.json";
    static final String JWKS_FILE = "dev-idp-jwks.json";
    static final String RP_KEY_FILE = "dev-rp-api-key";

    /** Creates the dev key material under {@code devDir} if absent, reuses it otherwise, and mints a token. */
    public static DevCredentials prepare(Path devDir) {
        try {
            Files.createDirectories(devDir);
            Path keyFile = devDir.resolve(SIGNING_KEY_FILE);
            Path jwksFile = devDir.resolve(JWKS_FILE);
            Path rpKeyFile = devDir.resolve(RP_KEY_FILE);
            if (!Files.exists(keyFile)) {
                ECKey key = new ECKeyGenerator(Curve.P_256)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true)
                        .generate();
                writeOwnerOnly(keyFile, key.toJSONString());
            }
            ECKey key = ECKey.parse(Files.readString(keyFile));
            writeAtomically(jwksFile, new JWKSet(key.toPublicJWK()).toString(true));
            if (!Files.exists(rpKeyFile)) {
                writeOwnerOnly(rpKeyFile, ApiKeys.generate());
            }
            String rpKey = Files.readString(rpKeyFile).trim();
            String token = mint(key, UnaryOperator.identity());
            return new DevCredentials(rpKey, token, jwksFile, keyFile, ISSUER, AUDIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the dev credentials under " + devDir, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Dev ID provider key under " + devDir + " is unusable", e);
        }
    }

    /**
     * Mints another signer token with the dev ID provider's key; {@code customizer} may change any claim (tests use
     * it for expired or wrong-audience tokens).
     */
    public String mintSignerToken(UnaryOperator<JWTClaimsSet.Builder> customizer) {
        try {
            return mint(ECKey.parse(Files.readString(signingKeyFile)), customizer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dev ID provider key", e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Dev ID provider key is unusable", e);
        }
    }

    /** A curl command that submits a one-time sign request to {@code gatewayUrl} with these credentials. */
    public String curlExample(String gatewayUrl) {
        String hash = exampleHash();
        String body = "{\"format\":\"CAdES\",\"hash\":\"" + hash + "\",\"hashType\":\"SHA2-256\","
                + "\"dataToBeDisplayed\":\"Please sign the consent form (transactionId: 1234)\","
                + "\"conformanceLevel\":\"AdES-B-T\"}";
        return "curl -sS -i -X POST '" + gatewayUrl.replaceAll("/+$", "") + "/v1/sign/onetime' \\\n"
                + "  -H 'Authorization: Bearer " + rpApiKey + "' \\\n"
                + "  -H 'X-GovStack-AuthenticationToken: " + signerToken + "' \\\n"
                + "  -H 'Content-Type: application/json' \\\n"
                + "  -H 'Idempotency-Key: " + UUID.randomUUID() + "' \\\n"
                + "  -d '" + body + "'";
    }

    private static String exampleHash() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest("Hello from Signet".getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mint(ECKey key, UnaryOperator<JWTClaimsSet.Builder> customizer) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("dev-person-0001")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(TOKEN_VALIDITY)))
                .jwtID(UUID.randomUUID().toString())
                .claim("given_name", "Erika")
                .claim("family_name", "Mustermann")
                .claim("birthdate", "1964-08-12")
                .claim("nationalities", List.of("DE"))
                .claim("place_of_birth", Map.of("locality", "Berlin", "country", "DE"))
                .claim(
                        "address",
                        Map.of(
                                "street_address", "Heidestrasse 17",
                                "locality", "Koeln",
                                "postal_code", "51147",
                                "country", "DE"));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT)
                        .keyID(key.getKeyID())
                        .build(),
                customizer.apply(claims).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(
                file.getParent(),
                ".tmp-",
                "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content);
        try {
            // Atomic and without replacing: a concurrent prepare that won the race keeps its key.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
