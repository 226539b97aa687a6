package io.signet.certworker.ocsp;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OCSP responder.
 *
 * @param statusCacheTtl how long a looked-up certificate status is reused; a revocation shows in OCSP after at most
 *     this long (0 turns the cache off)
 */
@Validated
@ConfigurationProperties("signet.certworker.ocsp")
public record OcspProperties(@DefaultValue("1s") @NotNull Duration statusCacheTtl) {}
