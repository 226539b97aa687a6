package io.signet.signworker.claims;

/**
 * A sign request record claiming its signatureId.
 *
 * @param partition partition of {@code signet.sign.requested}
 * @param offset the record's offset
 */
public record Claim(String signatureId, int partition, long offset) {}
