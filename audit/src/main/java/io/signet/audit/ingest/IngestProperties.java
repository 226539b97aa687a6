package io.signet.audit.ingest;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How events become entries.
 *
 * @param pseudonymKeyFile file holding the HMAC key of signer pseudonyms (base64 of at least 32 bytes); created with a
 *     random key if missing. The offline replay needs the same file to rebuild equal entries
 */
@Validated
@ConfigurationProperties("signet.audit.ingest")
public record IngestProperties(@NotNull Path pseudonymKeyFile) {}
