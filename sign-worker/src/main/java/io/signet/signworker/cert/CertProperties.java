package io.signet.signworker.cert;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The request-reply exchange with cert-worker for one-time certificates.
 *
 * @param validity validity of a one-time certificate (GovStack: one minute)
 * @param timeout how long one attempt waits for cert-worker's reply; the request is sent again after each timeout
 *     until the sign request's deadline, so that a cert-worker away for a while (its database restarting) delays
 *     requests instead of failing them
 * @param startupTimeout how long start-up waits for the reply topic's partitions
 */
@Validated
@ConfigurationProperties("signet.signworker.cert")
public record CertProperties(
        @NotNull @DefaultValue("60s") Duration validity,
        @NotNull @DefaultValue("5s") Duration timeout,
        @NotNull @DefaultValue("30s") Duration startupTimeout) {}
