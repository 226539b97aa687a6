package io.signet.notifier.outbox;

import io.signet.notifier.KafkaTopicsProperties;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Wiring of the outbox and its relay, with a producer of its own (idempotent, every replica acknowledges). */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    Outbox outbox(KafkaCloudEvents cloudEvents, EventCodec codec) {
        return new Outbox(cloudEvents, codec);
    }

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(
            Jdbi jdbi,
            KafkaProperties kafkaProperties,
            KafkaCloudEvents cloudEvents,
            EventCodec codec,
            OutboxProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "notifier-outbox");
        // A send while the broker is away blocks no longer than an acknowledgement may take (OutboxRelay's lease).
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.sendTimeout().toMillis());
        var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        return new OutboxRelay(jdbi, producer, cloudEvents, codec, properties);
    }

    /** The topics the notifier publishes to, created if missing. */
    @Bean
    KafkaAdmin.NewTopics outboxTopics(KafkaTopicsProperties topics) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.RESULTS_PURGED)
                        .partitions(topics.partitions())
                        .build(),
                TopicBuilder.name(Topics.SIGN_EXPIRED)
                        .partitions(topics.partitions())
                        .build());
    }
}
