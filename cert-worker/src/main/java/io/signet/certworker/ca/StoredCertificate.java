package io.signet.certworker.ca;

/**
 * A stored certificate found by its request id (for idempotent replies).
 *
 * @param requestId the request it was issued for
 * @param id hex SHA-256 of the DER certificate
 * @param der the DER certificate
 */
public record StoredCertificate(String requestId, String id, byte[] der) {}
