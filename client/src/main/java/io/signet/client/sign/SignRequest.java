package io.signet.client.sign;

import java.util.Objects;

/**
 * One {@code POST /v1/sign/onetime}. Null optional fields are left out of the request.
 *
 * @param format raw, CAdES or PAdES
 * @param hashType the algorithm {@code digest} was computed with
 * @param digest the document's digest (for PAdES: of the PDF's byte range), raw bytes
 * @param dataToBeDisplayed what the signer is shown, at most 256 characters
 * @param level the baseline level
 * @param keyAlgorithm {@code EC_P256}, {@code EC_P384} or {@code RSA_3072}; null for Signet's default
 * @param callbackUrl where Signet calls back when done; null for none (poll instead)
 * @param nonce echoed in the callback; may be null
 * @param state echoed in the callback; may be null
 */
public record SignRequest(
        SignatureFormat format,
        HashType hashType,
        byte[] digest,
        String dataToBeDisplayed,
        ConformanceLevel level,
        String keyAlgorithm,
        String callbackUrl,
        String nonce,
        String state) {

    public SignRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(hashType, "hashType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(dataToBeDisplayed, "dataToBeDisplayed");
        Objects.requireNonNull(level, "level");
        digest = digest.clone();
    }

    /** A request without callback, nonce or state, with Signet's default key algorithm. */
    public static SignRequest of(
            SignatureFormat format,
            HashType hashType,
            byte[] digest,
            String dataToBeDisplayed,
            ConformanceLevel level) {
        return new SignRequest(format, hashType, digest, dataToBeDisplayed, level, null, null, null, null);
    }

    /** This request with another key algorithm. */
    public SignRequest withKeyAlgorithm(String algorithm) {
        return new SignRequest(
                format, hashType, digest, dataToBeDisplayed, level, algorithm, callbackUrl, nonce, state);
    }

    /** This request with a callback. */
    public SignRequest withCallback(String url, String callbackNonce, String callbackState) {
        return new SignRequest(
                format, hashType, digest, dataToBeDisplayed, level, keyAlgorithm, url, callbackNonce, callbackState);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
