package io.signet.client.sign;

/**
 * What {@code GET /v1/sign/response/{id}} said.
 *
 * @param signatureId the request's id
 * @param status PENDING, OK or ERROR
 * @param message Signet's status message (no secrets)
 * @param signature DER CMS (CAdES, PAdES) or the bare value (raw); null unless OK
 * @param certificatePem the signer's certificate in PEM; null unless OK
 * @param signatureTimestamp DER RFC 3161 token, when the level has one; else null
 */
public record SignResult(
        String signatureId,
        Status status,
        String message,
        byte[] signature,
        String certificatePem,
        byte[] signatureTimestamp) {

    /** The request's state. */
    public enum Status {
        PENDING,
        OK,
        ERROR
    }

    /** Whether Signet is done with the request, successfully or not. */
    public boolean done() {
        return status != Status.PENDING;
    }
}
