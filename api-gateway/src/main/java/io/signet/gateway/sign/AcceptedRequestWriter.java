package io.signet.gateway.sign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes an accepted request: the idempotency key if any, the {@code sign_request} row and the outbox event, then
 * deletes the outbox row again ({@code insertAccepted.sql}). The statements go to PostgreSQL in one round trip and,
 * on an auto-commit connection, run as one implicit transaction (everything up to the protocol's Sync): all or
 * nothing, committed when this returns. Thread-safe.
 */
final class AcceptedRequestWriter {

    private static final String SQL = load("insertAccepted.sql");

    private final Jdbi jdbi;

    AcceptedRequestWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Writes the row unless its Idempotency-Key is taken (by an earlier or concurrent request, or an expired record):
     * then nothing is written, and no error is raised, so a retrying RP leaves no ERROR line in PostgreSQL's log. Must
     * not run inside a Jdbi transaction: then the commit would be a second round trip.
     *
     * @return true when written, false when the key was taken
     */
    boolean insert(AcceptedRow row) {
        // The first statement's count: the outbox row, which exists only when the request row was written.
        int outboxRows = jdbi.withHandle(
                handle -> handle.createUpdate(SQL).bindMethods(row).execute());
        return outboxRows == 1;
    }

    private static String load(String name) {
        try (InputStream in = AcceptedRequestWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing SQL resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
