package io.signet.schemas;

import java.util.List;
import java.util.Optional;

/**
 * Every event type Signet knows, with its topic and payload record. When a v2 appears, both versions are listed
 * until v1 has drained, and {@link #forPayload} maps each record to its own version.
 */
public final class EventTypes {

    public static final EventType<SignRequested> SIGN_REQUESTED_V1 =
            new EventType<>("signet.sign.requested.v1", Topics.SIGN_REQUESTED, SignRequested.class);

    public static final EventType<CertRequested> CERT_REQUESTED_V1 =
            new EventType<>("signet.cert.requested.v1", Topics.CERT_REQUESTED, CertRequested.class);

    public static final EventType<CertIssued> CERT_ISSUED_V1 =
            new EventType<>("signet.cert.issued.v1", Topics.CERT_ISSUED, CertIssued.class);

    public static final EventType<SignCompleted> SIGN_COMPLETED_V1 =
            new EventType<>("signet.sign.completed.v1", Topics.SIGN_COMPLETED, SignCompleted.class);

    public static final EventType<SignFailed> SIGN_FAILED_V1 =
            new EventType<>("signet.sign.failed.v1", Topics.SIGN_FAILED, SignFailed.class);

    public static final EventType<SignExpired> SIGN_EXPIRED_V1 =
            new EventType<>("signet.sign.expired.v1", Topics.SIGN_EXPIRED, SignExpired.class);

    public static final EventType<CertStatusChanged> CERT_STATUS_CHANGED_V1 =
            new EventType<>("signet.cert.status.v1", Topics.CERT_STATUS, CertStatusChanged.class);

    public static final EventType<KeyDestroyed> KEY_DESTROYED_V1 =
            new EventType<>("signet.key.destroyed.v1", Topics.KEY_DESTROYED, KeyDestroyed.class);

    public static final EventType<ResultsPurged> RESULTS_PURGED_V1 =
            new EventType<>("signet.results.purged.v1", Topics.RESULTS_PURGED, ResultsPurged.class);

    /** All event types, in pipeline order. */
    public static final List<EventType<?>> ALL = List.of(
            SIGN_REQUESTED_V1,
            CERT_REQUESTED_V1,
            CERT_ISSUED_V1,
            SIGN_COMPLETED_V1,
            SIGN_FAILED_V1,
            SIGN_EXPIRED_V1,
            CERT_STATUS_CHANGED_V1,
            KEY_DESTROYED_V1,
            RESULTS_PURGED_V1);

    private EventTypes() {}

    /** The event type with the CloudEvents {@code type} {@code type}, if Signet knows it. */
    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    /** The event type whose payload is {@code payloadClass}. */
    @SuppressWarnings("unchecked")
    public static <T extends SignetEvent> EventType<T> forPayload(Class<T> payloadClass) {
        return (EventType<T>) ALL.stream()
                .filter(t -> t.payloadClass().equals(payloadClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + payloadClass.getName()));
    }

    /** The event types that travel on {@code topic}. */
    public static List<EventType<?>> onTopic(String topic) {
        return ALL.stream().filter(t -> t.topic().equals(topic)).toList();
    }
}
