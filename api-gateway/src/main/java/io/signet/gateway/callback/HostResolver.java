package io.signet.gateway.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** DNS resolution seam, so tests can give names fixed answers. Implementations must be thread-safe. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (system DNS, with the JVM's cache). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
