package io.signet.launcher;

import java.net.URI;
import java.util.OptionalLong;

/**
 * One started service.
 *
 * @param service which one
 * @param handle what stops it (closed by {@link RunningSignet#close()}): its Spring context in this JVM, or the child
 *     process that runs it ({@code --process-per-service})
 * @param port the HTTP port it actually listens on
 */
public record RunningService(SignetService service, AutoCloseable handle, int port) {

    /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI url() {
        return URI.create("http://" + ServiceStarter.ADDRESS + ":" + port);
    }

    public String name() {
        return service.serviceName();
    }

    /** The process id of the child process that runs the service; empty when it runs in the launcher's JVM. */
    public OptionalLong pid() {
        return handle instanceof PartProcess process ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** False once the child process that runs the service has ended; always true in the launcher's JVM. */
    boolean alive() {
        return !(handle instanceof PartProcess process) || process.alive();
    }
}
