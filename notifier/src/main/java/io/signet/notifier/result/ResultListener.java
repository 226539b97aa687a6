package io.signet.notifier.result;

import io.signet.platform.persistence.DatabaseUnavailable;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Kafka entry point of the notifier: takes each poll's records as a batch (one database commit per batch instead of
 * per event), and delegates to {@link ResultHandler}. A record that could not be read (null value from the
 * {@code ErrorHandlingDeserializer}) or that fails on its own is reported by index, so that the error handler commits
 * the records before it, retries it with backoff and finally sends it to {@code <topic>.dlt}. While PostgreSQL is
 * unavailable, no event is at fault: the batch is polled again, at its first record, until the database is back (see
 * {@link ResultKafkaConfiguration}); a completion dead-lettered then would leave a signed request to expire.
 */
@Component
class ResultListener {

    private final ResultHandler handler;

    ResultListener(ResultHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(
            id = "notifier-sign-requested",
            topics = Topics.SIGN_REQUESTED,
            containerFactory = ResultKafkaConfiguration.REQUESTED_FACTORY)
    void requested(List<ConsumerRecord<String, CloudEventEnvelope<SignRequested>>> records) {
        apply(records);
    }

    @KafkaListener(
            id = "notifier-sign-completed",
            topics = Topics.SIGN_COMPLETED,
            containerFactory = ResultKafkaConfiguration.COMPLETED_FACTORY)
    void completed(List<ConsumerRecord<String, CloudEventEnvelope<SignCompleted>>> records) {
        apply(records);
    }

    @KafkaListener(
            id = "notifier-sign-failed",
            topics = Topics.SIGN_FAILED,
            containerFactory = ResultKafkaConfiguration.FAILED_FACTORY)
    void failed(List<ConsumerRecord<String, CloudEventEnvelope<SignFailed>>> records) {
        apply(records);
    }

    private void apply(List<? extends ConsumerRecord<String, ? extends CloudEventEnvelope<?>>> records) {
        List<ResultEvent> readable = new ArrayList<>();
        int unreadable = -1;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ? extends CloudEventEnvelope<?>> record = records.get(i);
            if (record.value() == null) {
                unreadable = i;
                break;
            }
            readable.add(new ResultEvent(
                    record.value().id(),
                    record.topic(),
                    record.value().payload(),
                    record.value().traceparent()));
        }
        try {
            handler.apply(readable);
        } catch (RuntimeException batchFailed) {
            if (DatabaseUnavailable.explains(batchFailed)) {
                throw new BatchListenerFailedException(
                        "events not stored: the database is unavailable", batchFailed, 0);
            }
            // Find the culprit: apply one by one, so that the events before it are kept.
            for (int i = 0; i < readable.size(); i++) {
                try {
                    handler.apply(List.of(readable.get(i)));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("event could not be stored", e, i);
                }
            }
        }
        if (unreadable >= 0) {
            throw new BatchListenerFailedException("event could not be read", unreadable);
        }
    }
}
