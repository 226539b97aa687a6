package io.signet.certworker.onetime;

import io.signet.platform.logging.TraceMdc;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventContractException;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Kafka entry point of one-time certificates: reads {@code signet.cert.requested} in batches, lets {@link
 * OneTimeCertHandler} issue, and replies on {@code signet.cert.issued} keyed by request id. Offsets are committed only
 * after every reply of the batch was acknowledged, so a crash replays the batch and the handler answers again from
 * the stored certificates.
 *
 * <p>A record that is not a valid {@code signet.cert.requested.v1} event is reported with its index, so the error
 * handler commits the records before it and sends it to the dead-letter topic without retrying.
 */
@Component
public class CertRequestListener {

    static final String ID = "cert-worker-onetime";

    private static final Logger LOG = LoggerFactory.getLogger(CertRequestListener.class);

    private final OneTimeCertHandler handler;
    private final KafkaCloudEvents events;
    private final KafkaTemplate<String, byte[]> kafka;

    public CertRequestListener(
            OneTimeCertHandler handler, KafkaCloudEvents events, KafkaTemplate<String, byte[]> kafka) {
        this.handler = handler;
        this.events = events;
        this.kafka = kafka;
    }

    @KafkaListener(id = ID, topics = Topics.CERT_REQUESTED, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<CloudEventEnvelope<CertRequested>> requests = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                requests.add(events.fromConsumerRecord(records.get(i), EventTypes.CERT_REQUESTED_V1));
            } catch (EventContractException | IllegalArgumentException e) {
                // Answer the good records before the bad one, then hand the bad one to the error handler.
                process(requests);
                throw new BatchListenerFailedException("not a valid " + EventTypes.CERT_REQUESTED_V1, e, i);
            }
        }
        process(requests);
    }

    private void process(List<CloudEventEnvelope<CertRequested>> requests) {
        if (requests.isEmpty()) {
            return;
        }
        Map<String, String> traceparents = new HashMap<>();
        requests.forEach(r -> traceparents.putIfAbsent(r.payload().requestId(), r.traceparent()));
        List<CertIssued> replies = handler.handle(
                requests.stream().map(CloudEventEnvelope::payload).toList());
        List<CompletableFuture<?>> sent = new ArrayList<>(replies.size());
        for (CertIssued reply : replies) {
            String traceparent = traceparents.get(reply.requestId());
            logReply(reply, traceparent);
            sent.add(kafka.send(events.toProducerRecord(reply, traceparent)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private static void logReply(CertIssued reply, String traceparent) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        try (TraceMdc.Scope trace = TraceMdc.enter(traceparent)) {
            if (reply.succeeded()) {
                LOG.debug("one-time certificate {} issued for signature {}", reply.serialNumber(), reply.signatureId());
            } else {
                LOG.debug(
                        "one-time certificate for signature {} refused: {}",
                        reply.signatureId(),
                        reply.error().code());
            }
        }
    }
}
