package io.signet.launcher.logging;

/**
 * Which service a thread works for, so that one JVM-wide logging set-up can still write each service's lines to its
 * own file.
 *
 * <p>Why an inheritable thread-local: the services share classes, hence loggers, so a log event carries nothing that
 * says which service made it. The launcher starts each service on a fresh thread marked with its name; every thread
 * the service creates from there on (web server, Kafka consumers, connection pools, virtual threads) inherits the
 * mark. Threads of shared JVM-wide pools may carry no mark or a wrong one; their lines go to the launcher's file or
 * to the service that created the thread.
 */
public final class ServiceAttribution {

    /** Attribution of threads that belong to no service: the launcher itself and the embedded stack. */
    public static final String LAUNCHER = "launcher";

    private static final InheritableThreadLocal<String> SERVICE = new InheritableThreadLocal<>();

    private ServiceAttribution() {}

    /** Marks the current thread (and the threads it creates from now on) as working for {@code service}. */
    public static void set(String service) {
        SERVICE.set(service);
    }

    /** The service of the current thread, or {@link #LAUNCHER}. */
    public static String current() {
        String service = SERVICE.get();
        return service == null ? LAUNCHER : service;
    }
}
