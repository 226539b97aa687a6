package io.signet.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks, so that a taken port is reported in one line before a component fails obscurely. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** {@code port} if it is free on the loopback address, a free ephemeral port if {@code port} is 0. */
    public static int freeOrGiven(int port) {
        if (port == 0) {
            return ephemeral();
        }
        requireFree(port);
        return port;
    }

    /** @throws EmbeddedStackException "port N on 127.0.0.1 is already in use" */
    public static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As servers bind (Tomcat, Kafka, PostgreSQL): connections of an earlier run still in TIME_WAIT do not
            // count as "in use", a listening socket does.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port));
        } catch (IOException e) {
            throw new EmbeddedStackException("port " + port + " on " + LOOPBACK + " is already in use");
        }
    }

    /**
     * A port that was free a moment ago. Another process may take it before we bind it; for a loopback stack on a
     * developer machine that race is accepted (the component then fails with its own bind error).
     */
    public static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedStackException("no free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName(LOOPBACK);
    }
}
