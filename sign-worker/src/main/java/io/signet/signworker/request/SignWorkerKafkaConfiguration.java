package io.signet.signworker.request;

import io.signet.hsm.KeyStoreToken;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import io.signet.signworker.cert.CertProperties;
import io.signet.signworker.cert.CertificateClient;
import io.signet.signworker.claims.ClaimsClient;
import io.signet.signworker.claims.ClaimsOutageLogFilter;
import io.signet.signworker.claims.ClaimsProperties;
import io.signet.signworker.keys.EphemeralKeys;
import io.signet.signworker.keys.KeyDestructionRecords;
import io.signet.signworker.ltv.LtvProperties;
import io.signet.signworker.ltv.ValidationDataCollector;
import io.signet.signworker.tsa.TsaClient;
import io.signet.signworker.tsa.TsaProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wiring of the sign-request pipeline. The transactional producer, the KafkaTransactionManager and the batch
 * listener container factory come from Spring Boot (configured in {@code sign-worker.yml}); this adds the error
 * handling, the dead-letter recoverer, the request-reply client and the signing parts.
 */
@Configuration(proxyBeanMethods = false)
public class SignWorkerKafkaConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    KafkaCloudEvents kafkaCloudEvents(EventCodec codec, Clock clock) {
        return new KafkaCloudEvents("sign-worker", codec, clock);
    }

    /** Results are byte[] (CloudEvents JSON); dead letters of decoded records are envelopes. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer signWorkerValueSerializer(EventCodec codec) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(CloudEventEnvelope.class, new EnvelopeSerializer(codec));
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaProducerFactory<Object, Object> typed = (DefaultKafkaProducerFactory) factory;
            typed.setValueSerializerSupplier(() -> new DelegatingByTypeSerializer(byType));
        };
    }

    /**
     * The transactional ids this instance can use: suffixes 0 to this number - 1 of its prefix. Each listener thread
     * holds one producer during a transaction; the two spare ids cover a producer replaced after an error before its
     * predecessor's id is released. Bounded, so that a restarted instance can fence them all ({@link PredecessorFence}).
     */
    static int transactionalIds(SignWorkerProperties properties) {
        return properties.concurrency() + 2;
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer signWorkerTransactionalIds(SignWorkerProperties properties) {
        return factory -> factory.setTransactionIdSuffixStrategy(
                new DefaultTransactionIdSuffixStrategy(transactionalIds(properties)));
    }

    @Bean
    PredecessorFence predecessorFence(
            ProducerFactory<?, ?> producerFactory, KafkaProperties kafkaProperties, SignWorkerProperties properties) {
        return new PredecessorFence(
                producerFactory.getConfigurationProperties(),
                kafkaProperties.getProducer().getTransactionIdPrefix(),
                transactionalIds(properties),
                Duration.ofSeconds(30));
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> template) {
        // Partition -1: let the producer choose, so the dead-letter topic need not mirror the source's partitions.
        return new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.dlt(record.topic()), -1));
    }

    /**
     * Failures of a batch as a whole, which the listener raises at its first record (see {@link SignRequestListener}):
     * the transaction is rolled back and the batch polled again, after a back-off from 0.5 s doubling to 10 s, for as
     * long as the failure lasts. Never recovered, so never dead-lettered: the cause lies outside the requests (every
     * request needs cert-worker and Kafka anyway), and recovering at the first record would commit its offset outside
     * the transaction that is then rolled back.
     */
    @Bean
    DefaultErrorHandler signRequestErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500L, 2.0);
        backOff.setMaxInterval(10_000L);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }

    @Bean(destroyMethod = "uninstall")
    ClaimsOutageLogFilter claimsOutageLogFilter() {
        return ClaimsOutageLogFilter.install();
    }

    @Bean
    ClaimsClient claimsClient(ClaimsProperties properties) {
        return new ClaimsClient(properties);
    }

    /** The deletion records' topic, which only sign-worker writes: created here, so a deployment has it from the start. */
    @Bean
    NewTopic keyDestroyedTopic(SignWorkerProperties properties) {
        return TopicBuilder.name(Topics.KEY_DESTROYED)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic signRequestDeadLetterTopic() {
        return TopicBuilder.name(Topics.dlt(Topics.SIGN_REQUESTED))
                .partitions(1)
                .build();
    }

    /**
     * The one-time keys, swept when created: before the listener containers start (they are lifecycle beans, started
     * after every singleton exists), so no request's key can be mistaken for an orphan. Ephemeral keys are session
     * objects, so a crashed process's keys died with it; what is left in this process's view is destroyed and counted.
     */
    @Bean
    EphemeralKeys ephemeralKeys(KeyStoreToken token, Clock clock) {
        EphemeralKeys keys = new EphemeralKeys(token, clock);
        keys.sweepLeftovers();
        return keys;
    }

    @Bean
    CertificateClient certificateClient(
            CertProperties properties, KafkaCloudEvents events, KafkaProperties kafkaProperties) {
        return new CertificateClient(properties, events, kafkaCommon(kafkaProperties));
    }

    /**
     * "certificateReplies", part of readiness: DOWN while cert-worker's replies cannot be read, since no request can
     * be signed then.
     */
    @Bean
    HealthIndicator certificateRepliesHealthIndicator(CertificateClient certificates) {
        return () -> {
            if (certificates.receivingReplies()) {
                return Health.up().build();
            }
            String failure = certificates.pollFailure();
            return Health.down()
                    .withDetail("failure", failure == null ? "not running" : failure)
                    .build();
        };
    }

    @Bean
    KeyDestructionRecords keyDestructionRecords(KafkaCloudEvents events, KafkaProperties kafkaProperties) {
        return new KeyDestructionRecords(events, kafkaCommon(kafkaProperties));
    }

    /** Client settings the service's own producers and consumers share with Spring's (bootstrap, security). */
    private static Map<String, Object> kafkaCommon(KafkaProperties kafkaProperties) {
        Map<String, Object> common = new HashMap<>(kafkaProperties.getProperties());
        common.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafkaProperties.getBootstrapServers()));
        return common;
    }

    @Bean
    TsaClient tsaClient(TsaProperties properties, Clock clock) {
        return new TsaClient(properties, clock);
    }

    @Bean
    ValidationDataCollector validationDataCollector(LtvProperties properties, Clock clock) {
        return new ValidationDataCollector(properties, clock);
    }

    @Bean
    SignRequestHandler signRequestHandler(
            EphemeralKeys keys,
            KeyDestructionRecords keyRecords,
            KeyStoreToken token,
            CertificateClient certificates,
            CertProperties certProperties,
            TsaClient tsa,
            ValidationDataCollector ltv,
            SignWorkerProperties properties,
            ObjectProvider<SignStepObserver> observer,
            Clock clock) {
        return new SignRequestHandler(
                keys,
                keyRecords,
                token,
                certificates,
                certProperties,
                tsa,
                ltv,
                properties,
                observer.getIfAvailable(() -> SignStepObserver.NONE),
                clock);
    }

    @Bean
    SignRequestListener signRequestListener(
            SignRequestHandler handler,
            ClaimsClient claims,
            KafkaTemplate<String, Object> template,
            KafkaCloudEvents events,
            DeadLetterPublishingRecoverer deadLetters,
            SignWorkerProperties properties,
            ShutdownSignal shutdown,
            BatchesInFlight inFlight) {
        return new SignRequestListener(handler, claims, template, events, deadLetters, properties, shutdown, inFlight);
    }

    @Bean
    BatchesInFlight batchesInFlight(TsaClient tsa) {
        return new BatchesInFlight(tsa, Duration.ofSeconds(10));
    }

    @Bean
    ShutdownSignal shutdownSignal() {
        return new ShutdownSignal();
    }

    /**
     * A stopping container waits this long for the batch in hand before the service goes on closing (the HSM token,
     * the certificate client): long enough for a batch whose cert-worker still answers, bounded for one that waits
     * for a cert-worker that is gone (whatever fails then is rolled back, see {@link SignRequestListener}).
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> signWorkerShutdownTimeout(
            SignWorkerProperties properties) {
        return container -> container
                .getContainerProperties()
                .setShutdownTimeout(properties.shutdownTimeout().toMillis());
    }
}
