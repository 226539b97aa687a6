package io.signet.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of the audit service that live in files (the pseudonym key, the auditor token): one line of base64, created
 * with random bytes and mode 0600 on first use, so the embedded default needs no setup. Values never reach a log or
 * an exception message; paths do.
 */
public final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {}

    /**
     * The text of {@code file} without surrounding blanks; if the file does not exist, it is created holding
     * {@code bytes} random bytes in URL-safe base64 without padding.
     */
    public static String readOrCreate(Path file, int bytes) {
        try {
            if (!Files.exists(file)) {
                create(file, bytes);
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("secret file " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret file " + file, e);
        }
    }

    /** Decodes a secret written by {@link #readOrCreate} (URL-safe) or by hand (standard base64). */
    public static byte[] decode(String value, Path file) {
        try {
            return value.contains("+") || value.contains("/")
                    ? Base64.getDecoder().decode(value)
                    : Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("secret file " + file + " does not hold base64");
        }
    }

    private static void create(Path file, int bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        Path temporary = Files.createTempFile(parent, ".secret", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: the directory's permissions have to do.
            }
            Files.writeString(
                    temporary,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file); // no replace: a concurrent creator's secret wins
            } catch (FileAlreadyExistsException raced) {
                // Someone else created it meanwhile; theirs is the one in use.
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
