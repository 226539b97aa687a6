package io.signet.signworker.cert;

/** cert-worker did not answer within the configured attempts. */
public class CertificateUnavailableException extends RuntimeException {

    public CertificateUnavailableException(String message) {
        super(message);
    }
}
