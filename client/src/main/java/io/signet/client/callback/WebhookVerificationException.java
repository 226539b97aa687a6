package io.signet.client.callback;

/** A callback whose Standard Webhooks signature or timestamp does not hold; the message says which. */
public final class WebhookVerificationException extends RuntimeException {

    public WebhookVerificationException(String message) {
        super(message);
    }
}
