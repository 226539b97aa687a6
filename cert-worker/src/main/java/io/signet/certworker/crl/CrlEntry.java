package io.signet.certworker.crl;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One revoked (or held) certificate on the CRL.
 *
 * @param serial serial number
 * @param revokedAt revocation date
 * @param reason RFC 5280 reason code
 */
public record CrlEntry(BigInteger serial, Instant revokedAt, int reason) {}
