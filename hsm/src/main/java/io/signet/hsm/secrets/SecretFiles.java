package io.signet.hsm.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets in files of mode 0600 in a directory of mode 0700 (when it creates the directory): random on first use,
 * reused afterwards, so that a restart finds the database, tokens and keys it created. Thread-safe (stateless); two
 * threads or processes racing for the same new file both end up reading the winner's secret, never two different
 * ones. Values never reach a message; paths do.
 */
public final class SecretFiles {

    /** 24 random bytes: 32 characters of URL-safe base64. */
    public static final int DEFAULT_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {}

    /** The secret in {@code file}, generating {@link #DEFAULT_BYTES} random bytes if it does not exist. */
    public static String readOrCreate(Path file) {
        return readOrCreate(file, DEFAULT_BYTES);
    }

    /**
     * The text of {@code file} without surrounding blanks; if the file does not exist, it is created holding
     * {@code bytes} random bytes in URL-safe base64 without padding.
     */
    public static String readOrCreate(Path file, int bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                create(file, bytes);
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new SecretFileException("secret file " + file + " is empty", null);
            }
            return value;
        } catch (IOException e) {
            throw new SecretFileException("cannot read or create secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a secret written by {@link #readOrCreate} (URL-safe) or by hand (standard base64). */
    public static byte[] decode(String value, Path file) {
        try {
            return value.contains("+") || value.contains("/")
                    ? Base64.getDecoder().decode(value)
                    : Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SecretFileException("secret file " + file + " does not hold base64", null);
        }
    }

    /**
     * Writes a new secret into a private temporary file next to {@code file} and then links it in under its name: the
     * file appears with its content in one step, so a racing reader never sees it empty, and the link never replaces a
     * file a racing creator put there first (a move would: it checks for the target and then renames, which replaces).
     */
    private static void create(Path file, int bytes) throws IOException {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        // Created with 0600 from the start, so the secret is never readable by others, not even briefly.
        Path temporary = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                "." + file.getFileName(),
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(
                    temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), StandardCharsets.UTF_8);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            // Another thread or process created it first: its secret stands.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
