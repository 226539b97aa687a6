package io.signet.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A token (a shared secret) from configuration: given directly, or the first line of a file (a mounted secret). */
public final class TokenSetting {

    private TokenSetting() {}

    /**
     * {@code token} when set, else the first line of {@code tokenFile} when set, else empty.
     *
     * @param what what the token is called in errors ("the ops token")
     * @throws IllegalStateException when the file is empty
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Optional<String> resolve(String token, Path tokenFile, String what) {
        if (token != null && !token.isBlank()) {
            return Optional.of(token.strip());
        }
        if (tokenFile == null || tokenFile.toString().isEmpty()) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(tokenFile).stream()
                    .findFirst()
                    .map(String::strip)
                    .orElse("");
            if (first.isEmpty()) {
                throw new IllegalStateException(what + " file " + tokenFile + " is empty");
            }
            return Optional.of(first);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " file " + tokenFile, e);
        }
    }
}
