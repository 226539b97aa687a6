package io.signet.signworker.keys;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The signing token, read by {@link FallbackHsmConfiguration} when no shared KeyStoreToken bean exists.
 *
 * @param module the PKCS#11 library
 * @param tokenLabel the token holding one-time keys
 * @param pinFile file holding the user PIN (never the PIN itself in configuration)
 * @param poolSize PKCS#11 sessions kept open; 0 = the library's default (2 x cores)
 * @param borrowTimeout how long an operation waits for a free session
 */
@Validated
@ConfigurationProperties("signet.hsm")
public record HsmProperties(
        @NotNull Path module,
        @NotBlank @DefaultValue("signet-sign") String tokenLabel,
        Path pinFile,
        @Min(0) @DefaultValue("0") int poolSize,
        @NotNull @DefaultValue("5s") Duration borrowTimeout) {}
