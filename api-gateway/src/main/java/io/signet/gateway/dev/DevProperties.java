package io.signet.gateway.dev;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.gateway.dev}: the development ID provider and RP. Off unless explicitly enabled.
 *
 * @param enabled trust the dev ID provider's JWKS, seed the dev RP, allow http callbacks to loopback
 * @param dir where {@link DevCredentials#prepare} keeps the dev key material
 */
@ConfigurationProperties("signet.gateway.dev")
public record DevProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("target/signet-dev") Path dir) {}
