package io.signet.notifier.delivery;

/** The two callbacks a relying party can get when a request ends. */
public enum DeliveryKind {
    /** GovStack callback: {@code GET {callbackUrl}?signatureId=…&nonce=…&state=…}, per request. */
    GET,
    /** Webhook: {@code POST} of a JSON event to the relying party's registered endpoint. */
    POST
}
