package io.signet.certworker.scd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Request and response bodies of the GovStack certificate API (8.2.1 - 8.2.3), field names as specified. */
public final class ScdApi {

    private ScdApi() {}

    /** POST /v1/cert/create. {@code pseodonym} is the spelling of the spec's field table, accepted as well. */
    public record CreateRequest(
            @JsonProperty("CSR") String csr,
            @JsonProperty("SCDType") String scdType,
            @JsonProperty("SCDRemoteId") String scdRemoteId,
            @JsonProperty("SCDKeyId") Long scdKeyId,
            String pseudonym,
            String pseodonym,
            String requestTimestamp) {

        String chosenPseudonym() {
            return pseudonym != null ? pseudonym : pseodonym;
        }
    }

    public record Status(String code, String message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateResponse(
            String certificateId, String pseudonym, String certificate, Instant responseTimestamp, Status status) {}

    public record ListedCertificate(String certificateId, String certificate, Status status) {}

    /** PATCH /v1/cert/{id}; {@code reason} (an RFC 5280 CRLReason name) is an optional extension for REVOKED. */
    public record PatchRequest(String requestTimestamp, Status status, String reason) {}

    public record PatchResponse(Instant responseTimestamp, Status status) {}

    /** The GovStack error body. */
    public record ErrorResponse(Status status, Instant responseTimestamp) {

        public static ErrorResponse of(String message, Instant now) {
            return new ErrorResponse(new Status("ERROR", message), now);
        }
    }
}
