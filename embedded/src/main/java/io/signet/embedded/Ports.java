package io.signet.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks, so that a taken port is reported in one line before a component fails obscurely. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    /** Lowest port {@link #free()} chooses; clear of the usual fixed service ports. */
    private static final int FIRST_CHOSEN = 20_000;

    /** Where Linux's default ephemeral range starts (IANA's, used elsewhere, starts higher, at 49152). */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private static final String LOCAL_PORT_RANGE = "/proc/sys/net/ipv4/ip_local_port_range";

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /** {@code port} if it is free on the loopback address, a free port (see {@link #free()}) if {@code port} is 0. */
    public static int freeOrGiven(int port) {
        if (port == 0) {
            return free();
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
     * A port that was free a moment ago, chosen below the kernel's ephemeral range: outgoing connections (Kafka
     * clients, JDBC, HTTP) take their local ports from that range, and one of them took a port handed out here in the
     * seconds before its service bound it (a process-per-service stack failed with "port in use"). Never the same port
     * twice in one JVM. Another process may still take it before we bind it; then the component fails with its own
     * bind error.
     */
    public static int free() {
        int high = Math.min(ephemeralRangeStart(), 65_536) - 1;
        for (int attempt = 0; high - FIRST_CHOSEN >= 1_000 && attempt < 200; attempt++) {
            int port = FIRST_CHOSEN + ThreadLocalRandom.current().nextInt(high - FIRST_CHOSEN + 1);
            if (HANDED_OUT.add(port) && isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedStackException("no free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range; its default elsewhere. */
    static int ephemeralRangeStart() {
        // Read line-wise: Files.readString trusts procfs's file size and returned only "3" of "32768\t60999".
        try (BufferedReader reader = Files.newBufferedReader(Path.of(LOCAL_PORT_RANGE))) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName(LOOPBACK);
    }
}
