package io.signet.embedded.internal;

import io.signet.embedded.EmbeddedStackException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded stack's data directory, held with an exclusive file lock for as long as the stack runs, so that two
 * launchers never share one PostgreSQL data directory or Kafka log. Not thread-safe; owned by one stack.
 */
public final class DataDirectory implements AutoCloseable {

    /** Marks a directory as ours, so that {@code --wipe} never deletes a directory it did not create. */
    static final String MARKER = ".signet-data-dir";

    static final String LOCK = ".lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates (if needed) and locks the directory; with {@code wipe}, deletes everything in it first. */
    public static DataDirectory open(Path dir, boolean wipe) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            boolean fresh = isEmpty(root);
            if (!fresh && !Files.exists(root.resolve(MARKER))) {
                throw new EmbeddedStackException("data directory " + root
                        + " is not empty and was not created by Signet (no " + MARKER + " file); choose another one");
            }
            FileChannel channel =
                    FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new EmbeddedStackException("data directory " + root + " is in use by another Signet stack");
            }
            DataDirectory directory = new DataDirectory(root, channel, lock);
            if (wipe) {
                directory.wipeContents();
            }
            Files.writeString(root.resolve(MARKER), "Signet embedded stack data; delete with the launcher's --wipe.\n");
            return directory;
        } catch (IOException e) {
            throw new EmbeddedStackException("cannot use data directory " + root + ": " + e.getMessage(), e);
        }
    }

    // Another process holding the lock gives null; another stack in this JVM gives an exception.
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            return null;
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-directory, created if needed. */
    public Path subdirectory(String name) {
        Path path = root.resolve(name);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new EmbeddedStackException("cannot create " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    /**
     * Like {@link #subdirectory}, but readable by the owner only (0700), also when an earlier version created it more
     * open: for the directory of generated secrets, whose names alone (which tokens exist) are nobody else's business.
     */
    public Path privateSubdirectory(String name) {
        Path path = subdirectory(name);
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new EmbeddedStackException("cannot make " + path + " private: " + e.getMessage(), e);
        }
        return path;
    }

    // Keeps the lock file: deleting it while locked would let a second process lock a new file of the same name.
    private void wipeContents() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(LOCK)) {
                    deleteTree(child);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(each);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway; nothing else to do.
        }
    }
}
