package io.signet.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.embedded.Ports;
import io.signet.embedded.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** A flight recording taken while a service runs statements holds none of their bound values. */
class ServiceJdbiIT {

    @TempDir
    Path dir;

    // One method, in this order: no other test of this JVM touches ServiceJdbi, so the plain Jdbi first shows what a
    // recording would otherwise hold.
    @Test
    void aFlightRecordingHoldsNoStatementParametersOnceAServiceJdbiExists() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(
                dir.resolve("pg"), Ports.free(), dir.resolve("secrets"), dir.resolve("postgres.log"))) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(postgres.jdbcUrl());
            dataSource.setUser(postgres.username());
            dataSource.setPassword(postgres.password());

            String plainCanary = "signature-value-" + UUID.randomUUID();
            Path plain = record(Jdbi.create(dataSource), plainCanary, "plain.jfr");
            assertThat(statementEvents(plain)).as("Jdbi's own behaviour").isPositive();
            assertThat(contains(plain, plainCanary)).isTrue();

            String canary = "signature-value-" + UUID.randomUUID();
            Path service = record(ServiceJdbi.create(dataSource), canary, "service.jfr");
            assertThat(statementEvents(service)).isZero();
            assertThat(contains(service, canary)).isFalse();
        }
    }

    private Path record(Jdbi jdbi, String canary, String name) throws Exception {
        Path file = dir.resolve(name);
        try (Recording recording = new Recording()) {
            recording.enable("jdbi.statement");
            recording.start();
            String echoed = jdbi.withHandle(handle -> handle.createQuery("select :value")
                    .bind("value", canary)
                    .mapTo(String.class)
                    .one());
            assertThat(echoed).isEqualTo(canary);
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    private static long statementEvents(Path recording) throws Exception {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("jdbi.statement"))
                .count();
    }

    private static boolean contains(Path recording, String text) throws Exception {
        return new String(Files.readAllBytes(recording), StandardCharsets.ISO_8859_1).contains(text);
    }
}
