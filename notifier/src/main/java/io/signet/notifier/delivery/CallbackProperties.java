package io.signet.notifier.delivery;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which callback destinations are allowed ({@code signet.notifier.callbacks}).
 *
 * @param allowList host names (exact, case-insensitive) or CIDR blocks ({@code 127.0.0.0/8}, {@code ::1/128})
 *     that may be called although they are private, loopback, link-local and so on; empty in production
 * @param allowHttp whether plain {@code http} callback URLs are sent (the dev and test profiles only); otherwise
 *     only {@code https}
 */
@Validated
@ConfigurationProperties("signet.notifier.callbacks")
public record CallbackProperties(
        @DefaultValue({}) List<String> allowList,
        @DefaultValue("false") boolean allowHttp) {}
