package io.signet.client.validation;

/** The signature given is not a DER CMS SignedData. */
public final class NotCmsException extends IllegalArgumentException {

    public NotCmsException(String message) {
        super(message);
    }
}
