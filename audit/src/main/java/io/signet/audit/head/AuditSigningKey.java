package io.signet.audit.head;

import io.signet.hsm.HsmErrorCode;
import io.signet.hsm.HsmException;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.SignatureAlgorithm;
import io.signet.schemas.audit.Sha256Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit key: a long-term EC key pair in the HSM that signs tree heads. Found by label, or generated on first
 * start (if two instances race, the loser finds the winner's key). The private key never leaves the token.
 * Thread-safe (the token is).
 */
public final class AuditSigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSigningKey.class);

    private final KeyStoreToken token;
    private final KeyHandle key;
    private final SignatureAlgorithm algorithm;
    private final Sha256Hash keyId;

    public AuditSigningKey(KeyStoreToken token, HeadProperties properties) {
        this.token = token;
        this.key = findOrGenerate(token, properties);
        this.algorithm =
                key.algorithm().bits() > 256 ? SignatureAlgorithm.ECDSA_SHA384 : SignatureAlgorithm.ECDSA_SHA256;
        this.keyId = Sha256Hash.digest(key.publicKey().getEncoded());
        LOG.info(
                "audit key '{}' ({}) on token '{}', key id {}",
                properties.keyLabel(),
                key.algorithm(),
                token.tokenLabel(),
                keyId);
    }

    private static KeyHandle findOrGenerate(KeyStoreToken token, HeadProperties properties) {
        return token.findLongTerm(properties.keyLabel()).orElseGet(() -> {
            try {
                return token.generateLongTerm(properties.keyLabel(), properties.keyAlgorithm());
            } catch (HsmException e) {
                if (e.code() != HsmErrorCode.INVALID_ARGUMENT) {
                    throw e;
                }
                return token.findLongTerm(properties.keyLabel()).orElseThrow(() -> e);
            }
        });
    }

    /** The DER ECDSA signature over {@code data} (hashed here, signed in the HSM). */
    public byte[] sign(byte[] data) {
        try {
            byte[] digest =
                    MessageDigest.getInstance(algorithm.digest().jcaName()).digest(data);
            return token.sign(key, algorithm, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.digest().jcaName() + " is not available", e);
        }
    }

    /** JCA name of the signature algorithm, for verifiers ({@code SHA256withECDSA} ...). */
    public String signatureAlgorithm() {
        return algorithm.jcaName();
    }

    public PublicKey publicKey() {
        return key.publicKey();
    }

    /** SHA-256 of the public key's DER SubjectPublicKeyInfo. */
    public Sha256Hash keyId() {
        return keyId;
    }
}
