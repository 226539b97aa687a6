package io.signet.schemas;

/**
 * An event payload of Signet: one record per event type and version (see {@link EventTypes}). Sealed so that a
 * new event cannot be forgotten in {@link EventTypes#ALL}, its schema or its golden file.
 */
public sealed interface SignetEvent
        permits SignRequested,
                CertRequested,
                CertIssued,
                SignCompleted,
                SignFailed,
                SignExpired,
                CertStatusChanged,
                KeyDestroyed,
                ResultsPurged {

    /**
     * The Kafka record key and CloudEvents subject: the signatureId, the requestId of a request-reply, the
     * certificateId, the keyId or the purgeId, so that one request's events stay in one partition, in order.
     */
    String partitionKey();
}
