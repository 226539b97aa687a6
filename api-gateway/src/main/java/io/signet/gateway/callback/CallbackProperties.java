package io.signet.gateway.callback;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.gateway.callback}: addresses callback URLs may resolve to although they are private.
 *
 * @param allowList host names (exact, case-insensitive) or CIDR blocks such as {@code 10.20.0.0/16} that every RP
 *     may use; an RP's own row can add more
 */
@ConfigurationProperties("signet.gateway.callback")
public record CallbackProperties(@DefaultValue({}) List<String> allowList) {}
