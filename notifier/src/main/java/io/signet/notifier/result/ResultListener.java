package io.signet.notifier.result;

import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka entry point of the notifier: parses (through each factory's deserializer) and delegates to
 * {@link ResultHandler}. Failures go to the container's error handler: bounded retries, then the topic's {@code .dlt}.
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
    void requested(CloudEventEnvelope<SignRequested> event) {
        handler.requested(event.id(), event.payload());
    }

    @KafkaListener(
            id = "notifier-sign-completed",
            topics = Topics.SIGN_COMPLETED,
            containerFactory = ResultKafkaConfiguration.COMPLETED_FACTORY)
    void completed(CloudEventEnvelope<SignCompleted> event) {
        handler.completed(event.id(), event.payload());
    }

    @KafkaListener(
            id = "notifier-sign-failed",
            topics = Topics.SIGN_FAILED,
            containerFactory = ResultKafkaConfiguration.FAILED_FACTORY)
    void failed(CloudEventEnvelope<SignFailed> event) {
        handler.failed(event.id(), event.payload());
    }
}
