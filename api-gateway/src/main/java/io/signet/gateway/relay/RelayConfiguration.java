package io.signet.gateway.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signet.schemas.EventCodec;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The outbox relay and what it needs: slot, endpoint, idempotent producer, topic, health and lag metric. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "signet.gateway.relay.enabled", havingValue = "true", matchIfMissing = true)
class RelayConfiguration {

    @Bean
    PostgresEndpoint relayPostgresEndpoint(JdbcConnectionDetails connection) {
        return new PostgresEndpoint(connection.getJdbcUrl(), connection.getUsername(), connection.getPassword());
    }

    /** Created (if missing) while the context starts, i.e. before the web server accepts the first request. */
    @Bean
    ReplicationSlot replicationSlot(Jdbi jdbi, RelayProperties properties) {
        ReplicationSlot slot = new ReplicationSlot(jdbi, properties.slotName());
        slot.ensureExists();
        return slot;
    }

    @Bean
    NewTopic signRequestedTopic(RelayProperties properties) {
        return TopicBuilder.name(Topics.SIGN_REQUESTED)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    OutboxRelay outboxRelay(
            RelayProperties properties,
            PostgresEndpoint endpoint,
            KafkaProperties kafka,
            KafkaCloudEvents cloudEvents,
            EventCodec codec,
            ReplicationSlot slot) {
        Map<String, Object> producerConfig = producerConfig(kafka);
        return new OutboxRelay(
                properties,
                endpoint,
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                cloudEvents,
                codec,
                hostName());
    }

    @Bean
    RelayHealthIndicator relayHealthIndicator(ReplicationSlot slot, OutboxRelay relay) {
        return new RelayHealthIndicator(slot, relay);
    }

    @Bean
    Gauge relaySlotLagGauge(MeterRegistry registry, ReplicationSlot slot) {
        return Gauge.builder("signet.relay.slot.lag", slot, s -> s.lagBytes().orElse(0L))
                .description("WAL bytes the relay's replication slot retains (how far the relay is behind)")
                .baseUnit("bytes")
                .register(registry);
    }

    /** Idempotent and fully acknowledged: a send counts once all in-sync replicas have it, retries never duplicate. */
    static Map<String, Object> producerConfig(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-relay");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
