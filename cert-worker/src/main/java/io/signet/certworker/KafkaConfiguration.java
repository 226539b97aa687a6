package io.signet.certworker;

import io.signet.schemas.EventCodec;
import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka plumbing of cert-worker: the CloudEvents codec, the error handler every listener uses (bounded exponential
 * backoff, then the record goes to {@code <topic>.dlt}; contract violations go there at once), and the topics it
 * reads and writes, created if missing.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    KafkaCloudEvents kafkaCloudEvents(Clock clock) {
        return new KafkaCloudEvents("cert-worker", new EventCodec(), clock);
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.dlt(record.topic()), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(20_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventContractException.class, IllegalArgumentException.class);
        return handler;
    }

    @Bean
    KafkaAdmin.NewTopics certWorkerTopics(KafkaTopicsProperties properties) {
        int partitions = properties.partitions();
        return new KafkaAdmin.NewTopics(
                topic(Topics.CERT_REQUESTED, partitions),
                topic(Topics.CERT_ISSUED, partitions),
                topic(Topics.CERT_STATUS, partitions),
                // Published by the notifier, read here: created by whichever starts first.
                topic(Topics.SIGN_EXPIRED, partitions),
                topic(Topics.dlt(Topics.CERT_REQUESTED), 1));
    }

    private static NewTopic topic(String name, int partitions) {
        return TopicBuilder.name(name).partitions(partitions).replicas(1).build();
    }
}
