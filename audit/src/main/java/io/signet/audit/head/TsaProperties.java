package io.signet.audit.head;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The RFC 3161 time-stamping authority that stamps each tree head's signature.
 *
 * @param tsaUrl where time-stamp queries are POSTed (Signet's own TSA in cert-worker by default); empty: heads are
 *     signed but not time-stamped
 * @param tsaTimeout connect and answer timeout of one query
 */
@Validated
@ConfigurationProperties("signet.audit")
public record TsaProperties(
        URI tsaUrl, @NotNull @DefaultValue("5s") Duration tsaTimeout) {}
