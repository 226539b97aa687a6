package io.signet.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * A relying party asked for a one-time signature over a hash; written by the gateway's outbox, consumed by
 * sign-worker. Type {@code signet.sign.requested.v1}, key = signatureId.
 *
 * @param signatureId id of the request, a UUID in canonical lower-case text form
 * @param rpId id of the relying party that submitted the request (its client id)
 * @param format requested output format ({@code raw}, {@code CAdES}, {@code PAdES})
 * @param conformanceLevel requested baseline level ({@code AdES-B-B}, {@code AdES-B-T}, {@code AdES-B-LT})
 * @param keyAlgorithm algorithm of the one-time key to generate, by name ({@code EC_P256} ...)
 * @param hashType algorithm of {@code hash}, GovStack spelling ({@code SHA2-256} ...)
 * @param hash the digest to sign, base64; its length equals {@code hashType.digestLength()}
 * @param dataToBeDisplayed text to show the signer (e.g. a transaction id), UTF-8; null when absent
 * @param signer identity claims for the one-time certificate
 * @param requestedAt when the gateway accepted the request, ISO-8601 UTC
 * @param deadline when the request expires unless finished, ISO-8601 UTC
 * @param callbackUrl https URL the notifier calls when the request ends; null for polling only
 * @param nonce opaque value of the relying party, echoed in the callback
 * @param state opaque value of the relying party, echoed in the callback; null when absent
 * @param traceparent W3C traceparent of the HTTP request, so the trace survives the outbox relay; null when absent
 */
public record SignRequested(
        String signatureId,
        String rpId,
        SignatureFormat format,
        ConformanceLevel conformanceLevel,
        KeyAlgorithm keyAlgorithm,
        HashType hashType,
        Base64Bytes hash,
        String dataToBeDisplayed,
        SignerClaims signer,
        Instant requestedAt,
        Instant deadline,
        String callbackUrl,
        String nonce,
        String state,
        String traceparent)
        implements SignetEvent {

    public SignRequested {
        Objects.requireNonNull(signatureId, "signatureId");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(conformanceLevel, "conformanceLevel");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(hashType, "hashType");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(nonce, "nonce");
        // Signing a digest of the wrong length would produce a signature over nothing the RP holds.
        if (hash.length() != hashType.digestLength()) {
            throw new IllegalArgumentException("hash length " + hash.length() + " does not match " + hashType.value());
        }
    }

    @Override
    public String partitionKey() {
        return signatureId;
    }
}
