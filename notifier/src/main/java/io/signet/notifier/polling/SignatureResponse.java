package io.signet.notifier.polling;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signet.notifier.result.SignatureResult;
import java.time.Instant;

/**
 * The GovStack signature response ({@code GET /v1/sign/response/{signatureId}}), and with only status and
 * timestamp its error body.
 *
 * @param signature base64 signature (CMS DER or raw value); only when completed
 * @param certificate signer certificate in PEM; only when completed
 * @param signatureTimestamp base64 DER RFC 3161 token; when the level has one
 * @param responseTimestamp when the request ended, or the time of this answer while pending
 * @param status {@code OK}, {@code ERROR} or {@code PENDING} with a message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignatureResponse(
        String signature, String certificate, String signatureTimestamp, Instant responseTimestamp, Status status) {

    /**
     * @param code {@code OK}, {@code ERROR} or {@code PENDING}
     * @param message human-readable text without secrets
     */
    public record Status(String code, String message) {}

    static SignatureResponse of(SignatureResult result, Instant now) {
        return switch (result.status()) {
            case PENDING -> new SignatureResponse(null, null, null, now, new Status("PENDING", "signature pending"));
            case COMPLETED ->
                new SignatureResponse(
                        result.signature(),
                        result.certificate(),
                        result.signatureTimestamp(),
                        result.endedAt(),
                        new Status(
                                "OK",
                                result.message() == null ? "Signature generated successfully" : result.message()));
            case FAILED, EXPIRED ->
                new SignatureResponse(null, null, null, result.endedAt(), new Status("ERROR", errorMessage(result)));
        };
    }

    static SignatureResponse error(String message, Instant now) {
        return new SignatureResponse(null, null, null, now, new Status("ERROR", message));
    }

    private static String errorMessage(SignatureResult result) {
        String code = result.errorCode() == null ? "FAILED" : result.errorCode();
        return result.message() == null ? code : code + ": " + result.message();
    }
}
