package io.signet.launcher;

import java.net.URI;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One started service.
 *
 * @param service which one
 * @param context its Spring context (closed by {@link RunningSignet#close()})
 * @param port the HTTP port it actually listens on
 */
public record RunningService(SignetService service, ConfigurableApplicationContext context, int port) {

    /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI url() {
        return URI.create("http://" + ServiceStarter.ADDRESS + ":" + port);
    }

    public String name() {
        return service.serviceName();
    }
}
