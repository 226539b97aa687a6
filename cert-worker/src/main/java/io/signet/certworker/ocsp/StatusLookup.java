package io.signet.certworker.ocsp;

import io.signet.certworker.ca.CertificateRecord;
import java.math.BigInteger;
import java.util.Optional;

/** Finds the stored status of a certificate by serial number; empty means this CA never issued it. */
@FunctionalInterface
public interface StatusLookup {
    Optional<CertificateRecord> find(BigInteger serial);
}
