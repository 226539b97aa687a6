package io.signet.notifier.result;

import io.signet.notifier.KafkaTopicsProperties;
import io.signet.notifier.result.internal.DeadLetterSerializer;
import io.signet.notifier.result.internal.EnvelopeDeserializer;
import io.signet.platform.persistence.DatabaseUnavailable;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import io.signet.schemas.EventType;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Topics;
import java.time.Clock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka consumers of the notifier: one listener container factory per event type (each with an
 * {@code ErrorHandlingDeserializer} around a fixed-type CloudEvents reader), a bounded exponential backoff for
 * failures, then the record goes to {@code <topic>.dlt}; while the database is unavailable, retries without limit. Offsets are committed after the handler's transaction, so a
 * crash in between redelivers, which the handler's processed-event ledger absorbs.
 */
@Configuration(proxyBeanMethods = false)
class ResultKafkaConfiguration {

    static final String REQUESTED_FACTORY = "signRequestedListenerFactory";
    static final String COMPLETED_FACTORY = "signCompletedListenerFactory";
    static final String FAILED_FACTORY = "signFailedListenerFactory";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    KafkaCloudEvents kafkaCloudEvents(EventCodec codec, Clock clock) {
        return new KafkaCloudEvents("notifier", codec, clock);
    }

    @Bean
    DefaultErrorHandler resultErrorHandler(KafkaProperties kafkaProperties, EventCodec codec) {
        var producerFactory = new DefaultKafkaProducerFactory<Object, Object>(
                kafkaProperties.buildProducerProperties(),
                new DeadLetterSerializer(codec),
                new DeadLetterSerializer(codec));
        var recoverer = new DeadLetterPublishingRecoverer(
                new KafkaTemplate<>(producerFactory),
                // A negative partition lets the producer pick one by key, whatever the DLT's partition count.
                (record, exception) -> new TopicPartition(Topics.dlt(record.topic()), -1));
        var backOff = new ExponentialBackOffWithMaxRetries(6);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(5_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setBackOffFunction(
                (record, failure) -> DatabaseUnavailable.explains(failure) ? untilTheDatabaseIsBack() : null);
        return handler;
    }

    /** No limit: an event is dead-lettered for what is wrong with it, never because PostgreSQL is away. */
    private static BackOff untilTheDatabaseIsBack() {
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    @Bean(REQUESTED_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEventEnvelope<SignRequested>> signRequestedListenerFactory(
            KafkaProperties kafkaProperties, KafkaCloudEvents cloudEvents, DefaultErrorHandler errorHandler) {
        return factory(kafkaProperties, cloudEvents, errorHandler, EventTypes.SIGN_REQUESTED_V1);
    }

    @Bean(COMPLETED_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEventEnvelope<SignCompleted>> signCompletedListenerFactory(
            KafkaProperties kafkaProperties, KafkaCloudEvents cloudEvents, DefaultErrorHandler errorHandler) {
        return factory(kafkaProperties, cloudEvents, errorHandler, EventTypes.SIGN_COMPLETED_V1);
    }

    @Bean(FAILED_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEventEnvelope<SignFailed>> signFailedListenerFactory(
            KafkaProperties kafkaProperties, KafkaCloudEvents cloudEvents, DefaultErrorHandler errorHandler) {
        return factory(kafkaProperties, cloudEvents, errorHandler, EventTypes.SIGN_FAILED_V1);
    }

    /** The consumed topics and their dead-letter topics (one partition each), created if missing. */
    @Bean
    KafkaAdmin.NewTopics resultTopics(KafkaTopicsProperties topics) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.SIGN_REQUESTED)
                        .partitions(topics.partitions())
                        .build(),
                TopicBuilder.name(Topics.SIGN_COMPLETED)
                        .partitions(topics.partitions())
                        .build(),
                TopicBuilder.name(Topics.SIGN_FAILED)
                        .partitions(topics.partitions())
                        .build(),
                TopicBuilder.name(Topics.dlt(Topics.SIGN_REQUESTED))
                        .partitions(1)
                        .build(),
                TopicBuilder.name(Topics.dlt(Topics.SIGN_COMPLETED))
                        .partitions(1)
                        .build(),
                TopicBuilder.name(Topics.dlt(Topics.SIGN_FAILED)).partitions(1).build());
    }

    private static <T extends SignetEvent>
            ConcurrentKafkaListenerContainerFactory<String, CloudEventEnvelope<T>> factory(
                    KafkaProperties kafkaProperties,
                    KafkaCloudEvents cloudEvents,
                    DefaultErrorHandler errorHandler,
                    EventType<T> type) {
        var consumerFactory = new DefaultKafkaConsumerFactory<String, CloudEventEnvelope<T>>(
                kafkaProperties.buildConsumerProperties(),
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new EnvelopeDeserializer<>(cloudEvents, type)));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CloudEventEnvelope<T>>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.setBatchListener(true);
        // Do not wait for the broker to confirm each batch's offsets before the next poll: a commit lost in a crash
        // only redelivers events, which the processed-event ledger absorbs. (Rebalances still commit synchronously.)
        factory.getContainerProperties().setSyncCommits(false);
        return factory;
    }
}
