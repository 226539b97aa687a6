package io.signet.schemas;

import java.util.List;

/**
 * Every Kafka topic of Signet. Topic names live here and nowhere else, so that a rename is one edit and a
 * listener can use them in annotations ({@code @KafkaListener(topics = Topics.SIGN_REQUESTED)}).
 */
public final class Topics {

    /** Sign requests relayed from the gateway's outbox; key = signatureId. */
    public static final String SIGN_REQUESTED = "signet.sign.requested";

    /** Certificate requests from sign-worker to cert-worker (request-reply); key = requestId. */
    public static final String CERT_REQUESTED = "signet.cert.requested";

    /** Certificate replies from cert-worker to sign-worker (request-reply); key = requestId. */
    public static final String CERT_ISSUED = "signet.cert.issued";

    /** Finished signatures; key = signatureId. */
    public static final String SIGN_COMPLETED = "signet.sign.completed";

    /** Permanently failed sign requests; key = signatureId. */
    public static final String SIGN_FAILED = "signet.sign.failed";

    /** Sign requests the notifier ended as expired (their late signatures discarded); key = signatureId. */
    public static final String SIGN_EXPIRED = "signet.sign.expired";

    /** Certificate status changes (suspension, revocation, expiry); key = certificateId. */
    public static final String CERT_STATUS = "signet.cert.status";

    /** Deletion records of signing keys; key = keyId. */
    public static final String KEY_DESTROYED = "signet.key.destroyed";

    /** Retention purges of the notifier's stored results (counts, no content); key = purgeId. */
    public static final String RESULTS_PURGED = "signet.results.purged";

    /** Suffix of a dead-letter topic. */
    public static final String DLT_SUFFIX = ".dlt";

    /** All topics above, in pipeline order (dead-letter topics excluded). */
    public static final List<String> ALL = List.of(
            SIGN_REQUESTED,
            CERT_REQUESTED,
            CERT_ISSUED,
            SIGN_COMPLETED,
            SIGN_FAILED,
            SIGN_EXPIRED,
            CERT_STATUS,
            KEY_DESTROYED,
            RESULTS_PURGED);

    private Topics() {}

    /** The dead-letter topic of {@code topic}: records that a consumer could not process end up there. */
    public static String dlt(String topic) {
        return topic + DLT_SUFFIX;
    }
}
