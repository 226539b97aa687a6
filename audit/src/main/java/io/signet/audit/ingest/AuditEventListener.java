package io.signet.audit.ingest;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Reads every {@code signet.*} topic in batches, in the audit's own consumer group. Parses and delegates: a record
 * that breaks the event contract stops the batch at its index, after the records before it are audited, and the
 * error handler sends it to its dead-letter topic without retries; any other failure retries the whole batch, which
 * is safe because appending is idempotent by event id.
 */
public final class AuditEventListener {

    /** Listener (container) id, e.g. for pausing it from actuator or tests. */
    public static final String ID = "audit-ingest";

    private final KafkaCloudEvents events;
    private final AuditEntryHandler handler;

    public AuditEventListener(KafkaCloudEvents events, AuditEntryHandler handler) {
        this.events = events;
        this.handler = handler;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = "#{T(io.signet.schemas.Topics).ALL}", batch = "true")
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<CloudEventEnvelope<?>> parsed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                parsed.add(parse(records.get(i)));
            } catch (EventContractException e) {
                handler.handle(parsed);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        handler.handle(parsed);
    }

    private CloudEventEnvelope<?> parse(ConsumerRecord<String, byte[]> record) {
        // The ErrorHandlingDeserializer leaves null where the bytes could not be read; a tombstone is null too.
        if (record.value() == null) {
            throw new EventContractException("record without a value on " + record.topic());
        }
        return events.fromConsumerRecord(record);
    }
}
