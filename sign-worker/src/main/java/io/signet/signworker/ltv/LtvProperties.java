package io.signet.signworker.ltv;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Validation data for B-LT signatures beyond what cert-worker returns with the certificate.
 *
 * @param crlUrls CRLs to embed (DER, HTTP GET): they cover the certificates besides the signer's (issuing CA, TSA)
 * @param crlRefresh how long a fetched CRL is reused at most (also bounded by its nextUpdate)
 * @param timeout how long one fetch may take
 */
@Validated
@ConfigurationProperties("signet.signworker.ltv")
public record LtvProperties(
        @NotNull @DefaultValue("http://localhost:8082/pki/crl")
        List<URI> crlUrls,

        @NotNull @DefaultValue("5m") Duration crlRefresh,
        @NotNull @DefaultValue("5s") Duration timeout) {}
