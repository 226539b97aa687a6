package io.signet.certworker.scd;

import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import io.signet.schemas.CertStatusChanged;
import io.signet.schemas.KafkaCloudEvents;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes {@link CertStatusChanged} on {@code signet.cert.status}, keyed by certificateId, and waits for the ack. */
public final class CertStatusEvents {

    private final KafkaCloudEvents events;
    private final KafkaTemplate<String, byte[]> kafka;

    public CertStatusEvents(KafkaCloudEvents events, KafkaTemplate<String, byte[]> kafka) {
        this.events = events;
        this.kafka = kafka;
    }

    public void published(
            CertificateRecord certificate, CertificateStatus status, Integer reason, Instant at, String by) {
        CertStatusChanged event = new CertStatusChanged(
                certificate.id(),
                certificate.serial(),
                CertStatusChanged.Status.valueOf(status.name()),
                reason == null ? null : reason(reason),
                at,
                by);
        try {
            kafka.send(events.toProducerRecord(event, null)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a status change", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("status change event not acknowledged by Kafka", e);
        }
    }

    private static CertStatusChanged.RevocationReason reason(int code) {
        for (CertStatusChanged.RevocationReason reason : CertStatusChanged.RevocationReason.values()) {
            if (reason.code() == code) {
                return reason;
            }
        }
        return CertStatusChanged.RevocationReason.UNSPECIFIED;
    }
}
