package io.signet.notifier.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up a host name's addresses; a seam so that tests can make a name resolve to any address. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
