package io.signet.notifier;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topics the notifier creates when they are missing.
 *
 * @param partitions partitions of the sign topics it reads and writes (as the gateway, cert-worker and the launcher
 *     create them, 3 by default). The same count everywhere matters: whoever starts first creates the topic, and a
 *     service that widens it later leaves consumers already subscribed blind to the new partitions until their next
 *     metadata refresh (15 s on the signing path, five minutes elsewhere), and requests relayed there wait that long.
 */
@Validated
@ConfigurationProperties("signet.notifier.kafka")
public record KafkaTopicsProperties(
        @DefaultValue("3") @Min(1) int partitions) {}
