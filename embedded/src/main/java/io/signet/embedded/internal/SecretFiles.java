package io.signet.embedded.internal;

import io.signet.embedded.EmbeddedStackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generated secrets (passwords, PINs) kept in files of mode 0600 under the data directory: generated on first use,
 * reused afterwards, so that a restart finds the database and tokens it created. Thread-safe (stateless); two
 * processes racing for the same new file both end up reading the winner's secret.
 */
public final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 24;

    private SecretFiles() {}

    /** The secret in {@code file}, generating a random one (URL-safe base64, 32 characters) if it does not exist. */
    public static String readOrCreate(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new EmbeddedStackException("cannot read or create secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The secret in an existing file, without a trailing line break. */
    public static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new EmbeddedStackException("secret file " + file + " is empty");
        }
        return value;
    }

    /**
     * Writes a new secret into a private temporary file next to {@code file} and then links it in under its name: the
     * file appears with its content in one step, so a racing reader never sees it empty (threads of the launcher
     * starting services in parallel did), and the link never replaces a file a racing creator put there first.
     */
    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Created with 0600 from the start, so the secret is never readable by others, not even briefly.
        Path temporary = Files.createTempFile(
                file.getParent(),
                "." + file.getFileName(),
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, secret, StandardCharsets.UTF_8);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            // Another thread or process created it first: its secret stands.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
