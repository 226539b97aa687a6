package io.signet.gateway.sign;

import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.SignatureFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * A validated {@code POST /v1/sign/onetime} body.
 *
 * @param format signature format to produce
 * @param hashBase64 the digest to sign, canonical standard base64 whose decoded length matches {@code hashType}
 * @param hashType digest algorithm of {@code hashBase64}
 * @param dataToBeDisplayed text for the signer's device, at most 256 characters, may be null
 * @param requestTimestamp the RP's own request time, may be null
 * @param callbackUrl where the RP wants to be called back (checked later by the callback policy), may be null
 * @param nonce RP value echoed in the callback, may be null
 * @param state RP value echoed in the callback, may be null
 * @param conformanceLevel AdES level, {@link OnetimeRequestParser#DEFAULT_LEVEL} when absent
 * @param keyAlgorithm one-time key algorithm, {@link OnetimeRequestParser#DEFAULT_KEY_ALGORITHM} when absent
 */
public record OnetimeRequest(
        SignatureFormat format,
        String hashBase64,
        HashType hashType,
        String dataToBeDisplayed,
        Instant requestTimestamp,
        String callbackUrl,
        String nonce,
        String state,
        ConformanceLevel conformanceLevel,
        KeyAlgorithm keyAlgorithm) {

    public Optional<String> callback() {
        return Optional.ofNullable(callbackUrl);
    }
}
