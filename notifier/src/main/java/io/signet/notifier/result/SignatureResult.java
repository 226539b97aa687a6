package io.signet.notifier.result;

import java.time.Instant;

/**
 * The notifier's row for one signatureId: the request's details (once its sign request was seen) and its result
 * (once ended).
 *
 * @param signatureId id of the request
 * @param rpId relying party that owns the request; only it may read the result
 * @param status where the request stands
 * @param registered whether the sign request itself has been seen (a result may arrive before it)
 * @param deadline when a pending request expires; null until registered
 * @param callbackUrl URL for the GovStack callback; null for polling only
 * @param nonce relying party's nonce, echoed in the callback
 * @param state relying party's state, echoed in the callback; null when absent
 * @param signature base64 of the signature (CMS DER or raw value); null unless completed
 * @param certificate signer certificate in PEM; null unless completed
 * @param signatureTimestamp base64 of the DER RFC 3161 token; null when none
 * @param errorCode stable error code when failed or expired
 * @param message human-readable status message without secrets
 * @param endedAt when the request ended; null while pending
 * @param traceparent W3C trace context of the request (its sign request's, else its result's); null when none
 */
public record SignatureResult(
        String signatureId,
        String rpId,
        ResultStatus status,
        boolean registered,
        Instant deadline,
        String callbackUrl,
        String nonce,
        String state,
        String signature,
        String certificate,
        String signatureTimestamp,
        String errorCode,
        String message,
        Instant endedAt,
        String traceparent) {}
