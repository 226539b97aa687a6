package io.signet.certworker.ca;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A freshly issued end-entity certificate.
 *
 * @param id the GovStack certificateId: lower-case hex SHA-256 of {@code der}
 * @param serial the serial number (positive, at most 20 octets)
 * @param der the DER certificate
 * @param notBefore start of validity (second precision, as in the certificate)
 * @param notAfter end of validity (second precision, as in the certificate)
 */
public record IssuedCertificate(String id, BigInteger serial, byte[] der, Instant notBefore, Instant notAfter) {

    public String serialHex() {
        return SerialNumbers.hex(serial);
    }
}
