package io.signet.certworker.ca;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** RFC 5280 5.3.1 CRLReason codes (7 is unused there, so it is missing here). */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RevocationReason ofCode(int code) {
        return Arrays.stream(values())
                .filter(r -> r.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown CRL reason code " + code));
    }

    /** Accepts the RFC 5280 name ({@code keyCompromise}) or the enum name ({@code KEY_COMPROMISE}). */
    public static Optional<RevocationReason> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalised = name.replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.name().replace("_", "").toLowerCase(Locale.ROOT).equals(normalised))
                .findFirst();
    }
}
