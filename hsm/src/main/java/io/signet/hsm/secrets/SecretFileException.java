package io.signet.hsm.secrets;

/** A secret file that cannot be read, created or decoded; the message names the file, never its content. */
public final class SecretFileException extends RuntimeException {

    SecretFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
