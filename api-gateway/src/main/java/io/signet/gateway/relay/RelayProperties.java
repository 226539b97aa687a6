package io.signet.gateway.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.gateway.relay}: the outbox relay (Debezium embedded engine).
 *
 * @param enabled run the relay in this instance (the replication slot is ensured either way when true)
 * @param autoStartup start the relay with the application; false leaves it stopped until {@code start()}
 * @param slotName logical replication slot, created at start-up if missing so no accepted request is ever missed
 * @param publicationName publication over {@code gateway.outbox} (inserts only), created by the Flyway migration
 * @param lockKey PostgreSQL advisory lock key that elects the single active relay of a cluster
 * @param lockRetryInterval how often a standby tries to take the lock, and the active one checks it still holds it
 * @param pollInterval how long the engine waits for more changes before handing a batch over (latency bound)
 * @param offsetFlushInterval how often relayed positions are stored and confirmed to the slot
 * @param maxBatchSize largest batch handed to the Kafka publisher at once
 * @param topicPartitions partitions of {@code signet.sign.requested} when the gateway creates it
 */
@ConfigurationProperties("signet.gateway.relay")
public record RelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean autoStartup,
        @DefaultValue("signet_gateway_outbox") String slotName,
        @DefaultValue("signet_gateway_outbox") String publicationName,
        @DefaultValue("6082211316166505473") long lockKey,
        @DefaultValue("2s") Duration lockRetryInterval,
        @DefaultValue("10ms") Duration pollInterval,
        @DefaultValue("1s") Duration offsetFlushInterval,
        @DefaultValue("2048") int maxBatchSize,
        @DefaultValue("3") int topicPartitions) {}
