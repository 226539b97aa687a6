package io.signet.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * The status of a certificate changed. Type {@code signet.cert.status.v1}, key = certificateId.
 *
 * @param certificateId lower-case hex SHA-256 of the certificate's DER encoding (64 characters)
 * @param serialNumber certificate serial number, lower-case hex without leading zeros
 * @param status the new status, by name
 * @param reason RFC 5280 CRLReason name for REVOKED and SUSPENDED ({@code keyCompromise}, {@code certificateHold}
 *     ...); null otherwise
 * @param changedAt when the status took effect, ISO-8601 UTC
 * @param changedBy pseudonymous id of the operator or service that changed it (e.g. {@code cert-worker})
 */
public record CertStatusChanged(
        String certificateId,
        String serialNumber,
        Status status,
        RevocationReason reason,
        Instant changedAt,
        String changedBy)
        implements SignetEvent {

    public CertStatusChanged {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(changedBy, "changedBy");
    }

    @Override
    public String partitionKey() {
        return certificateId;
    }

    /** Certificate status, serialised by name. */
    public enum Status {
        ACTIVE,
        SUSPENDED,
        REVOKED,
        EXPIRED
    }

    /** RFC 5280 CRLReason, serialised by its ASN.1 name; {@link #code()} is the CRL entry's enumerated value. */
    public enum RevocationReason {
        UNSPECIFIED("unspecified", 0),
        KEY_COMPROMISE("keyCompromise", 1),
        CA_COMPROMISE("cACompromise", 2),
        AFFILIATION_CHANGED("affiliationChanged", 3),
        SUPERSEDED("superseded", 4),
        CESSATION_OF_OPERATION("cessationOfOperation", 5),
        CERTIFICATE_HOLD("certificateHold", 6),
        REMOVE_FROM_CRL("removeFromCRL", 8),
        PRIVILEGE_WITHDRAWN("privilegeWithdrawn", 9),
        AA_COMPROMISE("aACompromise", 10);

        private final String value;
        private final int code;

        RevocationReason(String value, int code) {
            this.value = value;
            this.code = code;
        }

        /** The RFC 5280 name, used in JSON. */
        @JsonValue
        public String value() {
            return value;
        }

        /** The CRLReason enumerated value. */
        public int code() {
            return code;
        }

        /** Parses the RFC 5280 name. */
        @JsonCreator
        public static RevocationReason of(String value) {
            for (RevocationReason reason : values()) {
                if (reason.value.equals(value)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown revocation reason");
        }
    }
}
