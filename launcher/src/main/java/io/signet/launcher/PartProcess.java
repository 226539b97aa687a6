package io.signet.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One part (Kafka or a service) running as a child process of the launcher: started with its configuration on stdin,
 * its pid in {@code <data>/pids/<part>.pid}, its console output in {@code <data>/logs/<part>.out}. Can be stopped,
 * killed and started again with the same command and configuration. Thread-safe.
 */
final class PartProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Map<String, String> config;
    private final Path consoleFile;
    private final Path pidFile;
    private Process process; // guarded by this
    // Kept open for the child's life: its end is how the child learns that the launcher is gone.
    private OutputStream stdin; // guarded by this

    PartProcess(String name, List<String> command, Map<String, String> config, Path dataDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.config = Map.copyOf(config);
        this.consoleFile = dataDir.resolve("logs").resolve(name + ".out");
        this.pidFile = dataDir.resolve("pids").resolve(name + ".pid");
    }

    String name() {
        return name;
    }

    /** Starts the child unless it runs; does not wait for it to be ready. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        closeStdin();
        try {
            Files.createDirectories(consoleFile.getParent());
            Files.createDirectories(pidFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile.toFile()))
                    .start();
            stdin = process.getOutputStream();
            PartConfig.write(stdin, config);
            Files.writeString(pidFile, process.pid() + "\n");
        } catch (IOException e) {
            throw new LaunchException(name + " did not start: " + e.getMessage() + " (see " + consoleFile + ")", e);
        }
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook runs in the child. Returns once it is gone. */
    void kill9() {
        Process current = current();
        if (current != null) {
            current.destroyForcibly();
            awaitExit(current, STOP_TIMEOUT);
        }
    }

    /** SIGTERM (the child closes its part gracefully), SIGKILL if it has not ended within 30 s. */
    void stop() {
        Process current = current();
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!awaitExit(current, STOP_TIMEOUT)) {
            current.destroyForcibly();
            awaitExit(current, STOP_TIMEOUT);
        }
        synchronized (this) {
            if (process == current) {
                closeStdin();
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    Path consoleFile() {
        return consoleFile;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized Process current() {
        return process;
    }

    private void closeStdin() {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException gone) {
                // The child is gone already: nothing reads the pipe.
            }
            stdin = null;
        }
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
