package io.signet.hsm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How to reach one token.
 *
 * @param modulePath the PKCS#11 library file
 * @param tokenLabel label of the token to use
 * @param pin the user PIN (never printed by {@link #toString()})
 * @param sessionPoolSize maximum number of sessions kept open on the token
 * @param borrowTimeout how long an operation waits for a free session before failing with HSM_BUSY
 */
public record HsmConfig(Path modulePath, String tokenLabel, char[] pin, int sessionPoolSize, Duration borrowTimeout) {

    /** Default borrow timeout. */
    public static final Duration DEFAULT_BORROW_TIMEOUT = Duration.ofSeconds(5);

    public HsmConfig {
        Objects.requireNonNull(modulePath, "modulePath");
        Objects.requireNonNull(pin, "pin");
        if (tokenLabel == null || tokenLabel.isBlank()) {
            throw new IllegalArgumentException("tokenLabel must not be blank");
        }
        if (sessionPoolSize < 1) {
            throw new IllegalArgumentException("sessionPoolSize must be at least 1, was " + sessionPoolSize);
        }
        if (borrowTimeout == null || borrowTimeout.isNegative()) {
            throw new IllegalArgumentException("borrowTimeout must be zero or positive");
        }
    }

    /** A config with the default pool size (2 x available processors) and borrow timeout (5 s). */
    public static HsmConfig of(Path modulePath, String tokenLabel, char[] pin) {
        return new HsmConfig(modulePath, tokenLabel, pin, defaultPoolSize(), DEFAULT_BORROW_TIMEOUT);
    }

    public static int defaultPoolSize() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    public HsmConfig withSessionPoolSize(int size) {
        return new HsmConfig(modulePath, tokenLabel, pin, size, borrowTimeout);
    }

    public HsmConfig withBorrowTimeout(Duration timeout) {
        return new HsmConfig(modulePath, tokenLabel, pin, sessionPoolSize, timeout);
    }

    /**
     * Reads a PIN from a secrets file (UTF-8, trailing line break and blanks ignored), without passing it through a
     * String.
     *
     * @throws HsmException INVALID_ARGUMENT if the file cannot be read or holds no PIN
     */
    public static char[] pinFromFile(Path file) {
        byte[] bytes = null;
        CharBuffer chars = null;
        try {
            bytes = Files.readAllBytes(file);
            chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            while (end > 0 && Character.isWhitespace(chars.get(end - 1))) {
                end--;
            }
            if (end == 0) {
                throw new HsmException(HsmErrorCode.INVALID_ARGUMENT, "PIN file is empty: " + file);
            }
            char[] pin = new char[end];
            chars.get(0, pin);
            return pin;
        } catch (CharacterCodingException e) {
            throw new HsmException(HsmErrorCode.INVALID_ARGUMENT, "PIN file is not UTF-8: " + file);
        } catch (IOException e) {
            throw new HsmException(
                    HsmErrorCode.INVALID_ARGUMENT,
                    "cannot read PIN file " + file + ": " + e.getClass().getSimpleName());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    @Override
    public String toString() {
        return "HsmConfig[modulePath=" + modulePath + ", tokenLabel=" + tokenLabel + ", pin=<hidden>, sessionPoolSize="
                + sessionPoolSize + ", borrowTimeout=" + borrowTimeout + "]";
    }
}
