package io.signet.schemas.audit;

import io.signet.schemas.Base64Bytes;
import java.time.Instant;
import java.util.Objects;

/**
 * A tree head signed by the audit key in the HSM and time-stamped by a TSA: the anchor every proof is checked
 * against. Served by {@code GET /v1/audit/head}.
 *
 * @param treeSize see {@link TreeHead#treeSize()}
 * @param rootHash see {@link TreeHead#rootHash()}
 * @param timestamp see {@link TreeHead#timestamp()}
 * @param signatureAlgorithm JCA name of the signature over {@link TreeHead#toBeSigned()} ({@code SHA256withECDSA}
 *     or {@code SHA384withECDSA})
 * @param signature base64 of the DER ECDSA signature
 * @param keyId lower-case hex SHA-256 of the audit public key's DER SubjectPublicKeyInfo
 * @param timeStampToken base64 of the DER RFC 3161 TimeStampToken whose message imprint is the SHA-256 of the
 *     signature bytes; null when the TSA could not be reached
 */
public record SignedTreeHead(
        long treeSize,
        Sha256Hash rootHash,
        Instant timestamp,
        String signatureAlgorithm,
        Base64Bytes signature,
        Sha256Hash keyId,
        Base64Bytes timeStampToken) {

    public SignedTreeHead {
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(keyId, "keyId");
    }

    /** The head that was signed. */
    public TreeHead head() {
        return new TreeHead(treeSize, rootHash, timestamp);
    }
}
