package io.signet.audit.head;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The token holding the audit key, read by {@link FallbackHsmConfiguration} when no shared KeyStoreToken bean exists.
 *
 * @param module the PKCS#11 library
 * @param tokenLabel the token (the embedded stack's CA token by default)
 * @param pinFile file holding the user PIN (never the PIN itself in configuration)
 * @param poolSize PKCS#11 sessions kept open
 * @param borrowTimeout how long an operation waits for a free session
 */
@Validated
@ConfigurationProperties("signet.hsm")
public record HsmProperties(
        @NotNull Path module,
        @NotBlank @DefaultValue("signet-ca") String tokenLabel,
        Path pinFile,
        @Min(1) @DefaultValue("2") int poolSize,
        @NotNull @DefaultValue("5s") Duration borrowTimeout) {}
