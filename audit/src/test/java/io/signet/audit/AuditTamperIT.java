package io.signet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.client.audit.AuditApiClient;
import io.signet.client.audit.AuditCommand;
import io.signet.client.audit.AuditKeys;
import io.signet.client.audit.AuditReplay;
import io.signet.client.audit.AuditVerifier;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.secrets.SecretFiles;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditLogCheck;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.SignerPseudonyms;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tampering as a superuser would: delete a row, flip a byte, swap two rows, with the append-only trigger disabled.
 * The offline verifier and the replay must each name the first broken position. Each test restores the row(s)
 * afterwards, so the shared log is whole again for the other tests.
 */
@ExtendWith(AuditTestStack.class)
class AuditTamperIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AuditTestStack stack = AuditTestStack.get();
    private final AuditApiClient api = new AuditApiClient(URI.create(stack.baseUrl()), read(stack.auditorTokenFile()));
    private final SignerPseudonyms pseudonyms = new SignerPseudonyms(
            SecretFiles.decode(SecretFiles.readOrCreate(stack.pseudonymKeyFile(), 32), stack.pseudonymKeyFile()));

    @TempDir
    Path temp;

    private AuditVerifier verifier;
    private List<AuditEntry> transaction;

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void aSignedLogWithAFreshTransaction() {
        List<SignetEvent> events = SampleEvents.transaction();
        events.forEach(event -> stack.publish(event, null));
        String signatureId = ((SignRequested) events.getFirst()).signatureId();
        stack.awaitCaughtUp();
        transaction = stack.serviceJdbi()
                .onDemand(io.signet.audit.ingest.AuditEntryDao.class)
                .ofTransaction(signatureId);
        long last = transaction.getLast().position();
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(api::latestHead, head -> head.treeSize() > last);
        KeyStoreToken token = stack.service().getBean(KeyStoreToken.class);
        verifier = new AuditVerifier(
                token.findLongTerm("signet-audit").orElseThrow().publicKey(),
                stack.tsa().certificate());
    }

    private AuditVerifier.LogCheck verify() {
        SignedTreeHead head = api.latestHead();
        return verifier.checkLog(api.exportLog(500), head);
    }

    private AuditReplay.Report replay() {
        return new AuditReplay(stack.bootstrap(), pseudonyms).run(Instant.EPOCH, Instant.now(), api.exportLog(500));
    }

    private void asSuperuser(String... statements) throws Exception {
        try (Connection connection = stack.superuser();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("alter table audit_entry disable trigger user");
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("alter table audit_entry enable trigger user");
            connection.commit();
        }
    }

    @Test
    void anUntouchedLogPassesTheVerifierAndTheReplay() {
        AuditVerifier.LogCheck check = verify();
        assertThat(check.firstBreak()).isEmpty();
        assertThat(check.rootMatches()).isTrue();
        assertThat(check.ok()).isTrue();
        AuditReplay.Report report = replay();
        assertThat(report.differences()).isEmpty();
        assertThat(report.entriesCompared()).isGreaterThanOrEqualTo(transaction.size());
    }

    @Test
    void aDeletedRowIsReportedAtItsPosition() throws Exception {
        long p = transaction.get(1).position();
        asSuperuser(
                "create table audit.saved_row as select * from audit_entry where position = " + p,
                "delete from audit_entry where position = " + p);
        try {
            AuditVerifier.LogCheck check = verify();
            assertThat(check.firstBreak()).contains(new AuditLogCheck.Break(p, AuditLogCheck.Problem.MISSING));
            assertThat(check.rootMatches()).isFalse();
            AuditReplay.Report report = replay();
            assertThat(report.firstBrokenPosition()).hasValue(p);
            assertThat(report.differences()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(AuditReplay.Kind.MISSING);
                assertThat(d.eventId()).isEqualTo(transaction.get(1).eventId());
            });
        } finally {
            asSuperuser("insert into audit_entry select * from audit.saved_row", "drop table audit.saved_row");
        }
        assertThat(verify().ok()).isTrue();
    }

    @Test
    void aFlippedByteIsReportedAtItsPosition() throws Exception {
        AuditEntry request = transaction.stream()
                .filter(e -> e.status().equals("REQUESTED"))
                .findFirst()
                .orElseThrow();
        long p = request.position();
        String flip = "update audit_entry set document_digest = set_byte(document_digest, 3,"
                + " get_byte(document_digest, 3) # 1) where position = " + p;
        asSuperuser(flip);
        try {
            AuditVerifier.LogCheck check = verify();
            assertThat(check.firstBreak()).contains(new AuditLogCheck.Break(p, AuditLogCheck.Problem.ALTERED));
            AuditReplay.Report report = replay();
            assertThat(report.firstBrokenPosition()).hasValue(p);
            assertThat(report.differences()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(AuditReplay.Kind.ALTERED);
                assertThat(d.detail()).contains("documentDigest");
            });
        } finally {
            asSuperuser(flip); // the same xor again
        }
        assertThat(verify().ok()).isTrue();
    }

    @Test
    void swappedRowsAreReportedAtTheFirstOfThem() throws Exception {
        long j = transaction.get(0).position();
        long k = transaction.get(4).position();
        String[] swap = {
            "update audit_entry set position = 999999999999 where position = " + j,
            "update audit_entry set position = " + j + " where position = " + k,
            "update audit_entry set position = " + k + " where position = 999999999999"
        };
        asSuperuser(swap);
        try {
            AuditVerifier.LogCheck check = verify();
            assertThat(check.firstBreak()).contains(new AuditLogCheck.Break(j, AuditLogCheck.Problem.ALTERED));
            AuditReplay.Report report = replay();
            assertThat(report.firstBrokenPosition()).hasValue(j);
            assertThat(report.differences())
                    .extracting(AuditReplay.Difference::position)
                    .containsExactly(j, k);
        } finally {
            asSuperuser(swap); // swapping again restores
        }
        assertThat(verify().ok()).isTrue();
    }

    @Test
    void aServiceThatLoadsATamperedLogRefusesToSignNewHeads() throws Exception {
        long p = transaction.get(3).position();
        String flip = "update audit_entry set leaf_hash = set_byte(leaf_hash, 0, get_byte(leaf_hash, 0) # 1)"
                + " where position = " + p;
        asSuperuser(flip);
        try {
            // What a restart does: the tree is loaded from the table.
            io.signet.audit.merkle.AuditTree loaded = new io.signet.audit.merkle.AuditTree(stack.serviceJdbi());
            loaded.catchUp();
            var service = stack.service();
            io.signet.audit.head.TreeHeadMaker heads = new io.signet.audit.head.TreeHeadMaker(
                    loaded,
                    service.getBean(io.signet.audit.head.AuditSigningKey.class),
                    service.getBean(io.signet.audit.head.HeadTimeStamper.class),
                    stack.serviceJdbi(),
                    service.getBean(io.signet.audit.head.HeadProperties.class),
                    java.time.Clock.systemUTC());
            stack.publish(SampleEvents.transaction().getFirst(), null);
            stack.awaitCaughtUp();
            loaded.catchUp();
            SignedTreeHead before = api.latestHead();
            assertThat(heads.makeHead()).contains(before);
            assertThat(heads.consistentWithSignedHeads()).isFalse();
            assertThat(new io.signet.audit.head.AuditLogHealthIndicator(heads)
                            .health()
                            .getStatus()
                            .getCode())
                    .isEqualTo("DOWN");
            heads.close();
        } finally {
            asSuperuser(flip);
        }
    }

    @Test
    void theProgramsExitZeroOnAnIntactLogAndNonZeroOnABrokenOne() throws Exception {
        KeyStoreToken token = stack.service().getBean(KeyStoreToken.class);
        Path key = Files.writeString(
                temp.resolve("audit-key.pem"),
                AuditKeys.pem(token.findLongTerm("signet-audit").orElseThrow().publicKey()));
        String[] verifyLog = {
            "log",
            "--key",
            key.toString(),
            "--url",
            stack.baseUrl(),
            "--token-file",
            stack.auditorTokenFile().toString()
        };
        String[] replayAll = {
            "--bootstrap",
            stack.bootstrap(),
            "--from",
            "1970-01-01T00:00:00Z",
            "--to",
            Instant.now().toString(),
            "--pseudonym-key-file",
            stack.pseudonymKeyFile().toString(),
            "--url",
            stack.baseUrl(),
            "--token-file",
            stack.auditorTokenFile().toString()
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(audit(out, "verify", verifyLog))
                .as(out.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(audit(out, "replay", replayAll))
                .as(out.toString(StandardCharsets.UTF_8))
                .isZero();
        AuditEntry target = transaction.get(2);
        long p = target.position();
        String flip = "update audit_entry set status = lower(status) where position = " + p;
        asSuperuser(flip);
        try {
            out.reset();
            assertThat(audit(out, "verify", verifyLog)).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("first broken position " + p);
            out.reset();
            assertThat(audit(out, "replay", replayAll)).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("ALTERED position=" + p);
        } finally {
            asSuperuser("update audit_entry set status = '" + target.status() + "' where position = " + p);
        }
        assertThat(audit(out, "verify", new String[] {"bogus"})).isEqualTo(2);
    }

    /** Runs {@code signet audit <command> args…} as the command line would, its output into {@code out}. */
    private static int audit(ByteArrayOutputStream out, String command, String[] args) {
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = new CommandLine(new AuditCommand())
                .setOut(writer)
                .setErr(writer)
                .execute(all);
        writer.flush();
        return exit;
    }
}
