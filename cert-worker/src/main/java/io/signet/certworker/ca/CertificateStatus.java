package io.signet.certworker.ca;

/**
 * The stored status of an issued certificate. EXPIRED is not stored: it follows from notAfter (see {@link
 * CertificateRecord#effectiveStatus}).
 */
public enum CertificateStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
