package io.signet.gateway.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.gateway.payment}: whether a sign request must carry a valid {@code X-GovStack-PaymentToken}.
 *
 * @param required when true, an absent or invalid payment token is refused with 402
 * @param hmacSecret the secret shared with the payment service that issues tokens (from a secrets file or the
 *     environment, never the command line); required when {@code required} is true
 */
@ConfigurationProperties("signet.gateway.payment")
public record PaymentProperties(@DefaultValue("false") boolean required, String hmacSecret) {}
