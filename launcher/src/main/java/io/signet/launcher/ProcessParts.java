package io.signet.launcher;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.KafkaBroker;
import io.signet.embedded.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of a launcher started with {@code --process-per-service}, each its own OS process: PostgreSQL (the
 * embedded server, a postgres process as always), Kafka and every service (child JVMs). Parts are named
 * {@value #POSTGRES}, {@value #KAFKA} or by service name; each can be stopped, killed and started again on its own,
 * with the same port, data and configuration. Thread-safe.
 */
public final class ProcessParts implements AutoCloseable {

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = PartCommand.KAFKA;

    private final EmbeddedStack stack;
    private final Path pidDir;
    private final String kafkaBootstrap;
    private final Map<String, PartProcess> parts = new LinkedHashMap<>(); // in start order
    private final Map<String, RunningService> services = new LinkedHashMap<>();

    ProcessParts(EmbeddedStack stack, String kafkaBootstrap) {
        this.stack = stack;
        this.pidDir = stack.dataDir().resolve("pids");
        this.kafkaBootstrap = kafkaBootstrap;
    }

    synchronized void add(PartProcess part) {
        parts.put(part.name(), part);
    }

    synchronized void add(RunningService service, PartProcess part) {
        add(part);
        services.put(part.name(), service);
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** The part names in start order, {@value #POSTGRES} first. */
    public synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        stack.postgres().ifPresent(p -> names.add(POSTGRES));
        names.addAll(parts.keySet());
        return names;
    }

    /** The part's current process id (the postmaster's for {@value #POSTGRES}). */
    public long pid(String name) {
        if (name.equals(POSTGRES)) {
            return postgres().pid().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        }
        return part(name).pid();
    }

    /** {@code kill -9} of a child part; returns once it is gone. PostgreSQL: use {@link #stop} (immediate). */
    public void kill9(String name) {
        if (name.equals(POSTGRES)) {
            // SIGKILL leaves PostgreSQL's backends and shared memory behind, which blocks its restart.
            throw new UnsupportedOperationException("stop PostgreSQL with stop(\"postgres\") (-m immediate) instead");
        }
        part(name).kill9();
    }

    /** Stops a part: gracefully for a child; PostgreSQL immediately ({@code pg_ctl stop -m immediate}). */
    public void stop(String name) {
        if (name.equals(POSTGRES)) {
            postgres().stopImmediately();
            deletePidFile(POSTGRES);
        } else {
            part(name).stop();
        }
    }

    /** Starts a stopped or killed part again and waits until it is ready (services: health UP). */
    public void start(String name, Duration timeout) {
        if (name.equals(POSTGRES)) {
            postgres().restart();
            writePidFile(POSTGRES, pid(POSTGRES));
            return;
        }
        part(name).start();
        awaitReady(name, timeout);
    }

    /** Starts services (not PostgreSQL) at the same time, then waits until each is ready. */
    public void startTogether(List<String> names, Duration timeout) {
        names.forEach(name -> part(name).start());
        names.forEach(name -> awaitReady(name, timeout));
    }

    /** Waits until the part answers: Kafka a client, a service its health endpoint with UP. */
    public void awaitReady(String name, Duration timeout) {
        if (name.equals(KAFKA)) {
            KafkaBroker.awaitReady(kafkaBootstrap);
            return;
        }
        RunningService service;
        synchronized (this) {
            service = services.get(name);
        }
        if (service != null) {
            new HealthWait(new HealthProbe()).awaitUp(List.of(service), timeout);
        }
    }

    /** One line for the start-up report, e.g. {@code postgres 101, kafka 102, api-gateway 103}. */
    public String pidSummary() {
        return names().stream().map(name -> name + " " + pidOrDown(name)).collect(Collectors.joining(", "))
                + " (also in " + pidDir + ")";
    }

    void writePidFile(String name, long pid) {
        try {
            Files.createDirectories(pidDir);
            Files.writeString(pidDir.resolve(name + ".pid"), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the child parts that are not services (Kafka), last started first; the services stop before. */
    @Override
    public void close() {
        List<PartProcess> others;
        synchronized (this) {
            others = new ArrayList<>(parts.values().stream()
                    .filter(p -> !services.containsKey(p.name()))
                    .toList());
        }
        java.util.Collections.reverse(others);
        others.forEach(PartProcess::stop);
        stack.postgres().ifPresent(p -> deletePidFile(POSTGRES));
    }

    private String pidOrDown(String name) {
        try {
            return String.valueOf(pid(name));
        } catch (IllegalStateException e) {
            return "down";
        }
    }

    private PostgresServer postgres() {
        return stack.postgres().orElseThrow(() -> new IllegalStateException("no embedded PostgreSQL"));
    }

    private synchronized PartProcess part(String name) {
        PartProcess part = parts.get(name);
        if (part == null) {
            throw new IllegalArgumentException("no part " + name + "; parts: " + names());
        }
        return part;
    }

    private void deletePidFile(String name) {
        try {
            Files.deleteIfExists(pidDir.resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
