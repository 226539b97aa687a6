package io.signet.certworker.ca;

/**
 * A row of {@code certs.ca}.
 *
 * @param role the key's role
 * @param keyLabel the label of the key in the HSM token
 * @param certificate the DER certificate
 */
public record CaRow(CaRole role, String keyLabel, byte[] certificate) {}
