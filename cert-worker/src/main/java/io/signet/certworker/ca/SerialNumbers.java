package io.signet.certworker.ca;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random certificate serial numbers: positive, non-zero and at most 20 octets DER-encoded (RFC 5280 4.1.2.2), with
 * 159 bits of entropy (CA/B Forum asks for at least 64). Thread-safe.
 */
public final class SerialNumbers {

    // 159 bits keep the top bit of a 20-octet encoding clear, so no leading zero octet is needed.
    private static final int BITS = 159;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {}

    public static BigInteger next() {
        BigInteger serial;
        do {
            serial = new BigInteger(BITS, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    /** Lower-case hex, as stored in {@code certs.certificate.serial}. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}
