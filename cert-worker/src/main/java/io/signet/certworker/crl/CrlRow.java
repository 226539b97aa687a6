package io.signet.certworker.crl;

import java.time.Instant;

/** A row of {@code certs.crl}: one issued CRL. */
public record CrlRow(long crlNumber, Instant thisUpdate, Instant nextUpdate, byte[] der) {}
