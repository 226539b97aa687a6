package io.signet.audit.ingest;

import io.signet.hsm.secrets.SecretFiles;
import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import io.signet.schemas.audit.AuditRecords;
import io.signet.schemas.audit.SignerPseudonyms;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wiring of the ingest: listener, handler, appender, pseudonyms, error handling and dead-letter topics. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    SignerPseudonyms signerPseudonyms(IngestProperties properties) {
        Path file = properties.pseudonymKeyFile();
        byte[] key = SecretFiles.decode(SecretFiles.readOrCreate(file, SignerPseudonyms.MIN_KEY_LENGTH), file);
        try {
            return new SignerPseudonyms(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Bean
    AuditRecords auditRecords(SignerPseudonyms pseudonyms) {
        return new AuditRecords(pseudonyms);
    }

    @Bean
    AuditAppender auditAppender(Jdbi jdbi, ObjectProvider<AppendedEntries> listeners) {
        return new AuditAppender(jdbi, listeners.orderedStream().toList());
    }

    @Bean
    AuditEntryHandler auditEntryHandler(AuditRecords records, AuditAppender appender) {
        return new AuditEntryHandler(records, appender);
    }

    @Bean
    AuditEventListener auditEventListener(KafkaCloudEvents events, AuditEntryHandler handler) {
        return new AuditEventListener(events, handler);
    }

    @Bean
    DeadLetterPublishingRecoverer auditDeadLetters(KafkaTemplate<Object, Object> template) {
        // Partition -1: the producer chooses, so a dead-letter topic need not mirror its source's partitions.
        return new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.dlt(record.topic()), -1));
    }

    /**
     * Contract violations go to the dead-letter topic at once. Anything else (the database is away) is retried with
     * backoff for as long as it takes: an audit log must not skip an event because PostgreSQL restarted.
     */
    @Bean
    DefaultErrorHandler auditErrorHandler(DeadLetterPublishingRecoverer deadLetters) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(EventContractException.class);
        return handler;
    }

    /** The dead-letter topics the audit writes to, created if missing. */
    @Bean
    KafkaAdmin.NewTopics auditDeadLetterTopics() {
        List<org.apache.kafka.clients.admin.NewTopic> topics = Topics.ALL.stream()
                .map(topic -> TopicBuilder.name(Topics.dlt(topic)).partitions(1).build())
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }
}
