package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import io.signet.client.audit.AuditApiClient;
import io.signet.client.audit.AuditVerifier;
import io.signet.client.callback.Callback;
import io.signet.client.callback.CallbackReceiver;
import io.signet.client.callback.WebhookVerifier;
import io.signet.client.pdf.PdfSigner;
import io.signet.client.sign.CallbackDelivery;
import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignRequest;
import io.signet.client.sign.SignResult;
import io.signet.client.sign.SignatureFormat;
import io.signet.client.sign.SignetClient;
import io.signet.client.sign.SignetConnection;
import io.signet.client.validation.SignatureValidator;
import io.signet.client.validation.TrustAnchors;
import io.signet.client.validation.ValidationReport;
import io.signet.embedded.SoftHsm;
import io.signet.gateway.dev.DevCredentials;
import io.signet.hsm.HsmConfig;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.Pkcs11Token;
import io.signet.hsm.TokenObject;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.Sha256Hash;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.MultipleFailuresError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9's end-to-end matrix on one embedded stack: for every key algorithm × hashType × format × level, an RP using
 * the client library submits with a callback URL, receives the signed callback, reads the result, and checks it with
 * other implementations than Signet's: EU DSS at the claimed level (CAdES, PAdES), the JDK over the hash (raw),
 * BouncyCastle and {@code openssl ts -verify} for the time-stamp, the one-time certificate's validity and identity
 * claims, the key's destruction record, and the transaction's audit proof. Combinations Signet documents as
 * unsupported (BLAKE2B other than raw EC) must end in the documented error.
 *
 * <p>The matrix runs once, concurrently, while the class starts (a one-time certificate lives 60 s, so each
 * combination is validated as soon as its result is in); each combination is then one dynamic test that reports what
 * failed for it, and one test lists every failure together.
 */
class EndToEndMatrixIT {

    /** Combinations in flight at once: enough to overlap the pipeline, few enough for a busy 2-core machine. */
    private static final int IN_FLIGHT = 8;

    private static final Duration RESULT_WAIT = Duration.ofSeconds(90);
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // Kept when a test fails: the stack's logs are in <data>/logs.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    // Kept when a test fails too: documents, signatures, time-stamps.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static RunningSignet signet;
    private static CallbackReceiver receiver;
    private static final Map<String, CompletableFuture<Callback>> CALLBACKS = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> WEBHOOK_IDS = new ConcurrentHashMap<>();

    private static DevCredentials dev;
    private static JWTClaimsSet signerClaims;
    private static SignetClient client;
    private static SignatureValidator validator;
    private static Path rootPem;
    private static Path caPem;
    private static X509Certificate issuingCa;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Map<MatrixCase, Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void startStackAndRunTheMatrix() throws Exception {
        signet = SignetLauncher.start(LauncherTestSupport.options(dataDir));
        URI gateway = signet.service(SignetService.GATEWAY).orElseThrow().url();
        URI certWorker = signet.service(SignetService.CERT_WORKER).orElseThrow().url();
        dev = DevCredentials.prepare(dataDir.resolve("dev"));
        signerClaims = SignedJWT.parse(dev.signerToken()).getJWTClaimsSet();
        client = new SignetClient(new SignetConnection(gateway, dev.rpApiKey(), dev.signerToken()));

        // The dev RP's callbacks are signed with the launcher's dev webhook secret (client.properties webhook-secret).
        receiver = CallbackReceiver.start(
                new InetSocketAddress("127.0.0.1", 0),
                "/rp/callback",
                new WebhookVerifier(DevWebhookSecret.prepare(dataDir)),
                callback -> {
                    WEBHOOK_IDS
                            .computeIfAbsent(callback.signatureId(), id -> ConcurrentHashMap.newKeySet())
                            .add(callback.webhookId());
                    callbackFuture(callback.signatureId()).complete(callback);
                });

        rootPem = download(certWorker.resolve("/pki/root.pem"), work.resolve("root.pem"));
        caPem = download(certWorker.resolve("/pki/ca.pem"), work.resolve("ca.pem"));
        List<X509Certificate> ca = TrustAnchors.load(caPem.toString());
        validator = new SignatureValidator(TrustAnchors.roots(ca));
        issuingCa = ca.stream()
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .findFirst()
                .orElseThrow();

        warmUp();
        MatrixCase.all().forEach(c -> RUNS.put(c, new Run(c)));
        runConcurrently(RUNS.values(), EndToEndMatrixIT::signAndValidate);
        printLatencies();
        // After every result is in: the audit trail of each transaction, against the heads signed by then.
        AuditVerifier auditVerifier = new AuditVerifier(auditKeyFromTheHsm(), tsaCertificate());
        AuditApiClient audit = auditApi();
        runConcurrently(RUNS.values(), run -> checkAuditTrail(run, audit, auditVerifier));
        printSlowest(5);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (signet != null) {
            signet.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCombinationSignsValidatesAndIsAudited() {
        return RUNS.values().stream()
                .map(run -> DynamicTest.dynamicTest(run.matrixCase.toString(), () -> {
                    if (!run.failures.isEmpty()) {
                        throw new MultipleFailuresError(run.matrixCase.toString(), run.failures);
                    }
                }));
    }

    @Test
    void noCombinationFailed() {
        String failures = RUNS.values().stream()
                .filter(run -> !run.failures.isEmpty())
                .map(run -> run.matrixCase + ":\n    "
                        + run.failures.stream()
                                .map(t -> String.valueOf(t.getMessage())
                                        .lines()
                                        .findFirst()
                                        .orElse(""))
                                .collect(Collectors.joining("\n    ")))
                .collect(Collectors.joining("\n"));
        assertThat(failures).as("combinations that failed").isEmpty();
        assertThat(RUNS).hasSize(189);
    }

    /**
     * The signing token holds none of the matrix's keys and no ephemeral key at all. In this JVM the test's session
     * sees the sign-worker's session objects (same PKCS#11 application); a control key made through another token
     * instance proves that, so the listing is not vacuous. The sign-worker's own count of live keys is 0 too.
     */
    @Test
    void everyKeyIsGoneFromTheHsm() throws Exception {
        Set<String> destroyed = RUNS.values().stream()
                .map(run -> run.keyId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        assertThat(destroyed).as("key ids from the destruction records").isNotEmpty();
        try (Pkcs11Token mine = openToken(SoftHsm.SIGN_TOKEN);
                Pkcs11Token other = openToken(SoftHsm.SIGN_TOKEN)) {
            KeyHandle control = other.generateEphemeral(KeyAlgorithm.EC_P256);
            try {
                assertThat(mine.listObjects())
                        .as("another instance's session key is visible")
                        .anyMatch(o -> control.id().equals(o.id()));
            } finally {
                other.destroy(control);
            }
            List<TokenObject> objects = mine.listObjects();
            assertThat(objects)
                    .as("no key of the matrix left")
                    .noneMatch(o -> o.id() != null && destroyed.contains(o.id().hex()));
            assertThat(objects)
                    .as("no ephemeral key left")
                    .noneMatch(o -> KeyStoreToken.EPHEMERAL_LABEL.equals(o.label()));
        }
        URI signWorker = signet.service(SignetService.SIGN_WORKER).orElseThrow().url();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> health = HTTP.send(
                            HttpRequest.newBuilder(signWorker.resolve("/actuator/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode hsm = JSON.readTree(health.body())
                            .path("components")
                            .path("hsm")
                            .path("details");
                    assertThat(hsm.path("liveEphemeralKeys").isNumber())
                            .as("hsm health detail present: " + health.body())
                            .isTrue();
                    assertThat(hsm.path("liveEphemeralKeys").asLong())
                            .as("liveEphemeralKeys")
                            .isZero();
                });
    }

    /** The whole log: hash chain and Merkle root recomputed against a signed head; every transaction is in it. */
    @Test
    void theAuditLogHoldsEveryTransactionAndVerifies() throws Exception {
        AuditApiClient audit = auditApi();
        SignedTreeHead head = audit.latestHead();
        List<AuditEntry> log = audit.exportLog(1000);
        AuditVerifier.LogCheck check = new AuditVerifier(auditKeyFromTheHsm(), tsaCertificate()).checkLog(log, head);
        assertThat(check.firstBreak()).as("first broken position").isEmpty();
        assertThat(check.rootMatches())
                .as("recomputed root matches the signed head")
                .isTrue();
        assertThat(check.head().ok()).as("head " + check.head()).isTrue();
        Set<String> inLog = log.stream().map(AuditEntry::signatureId).collect(Collectors.toSet());
        List<String> ids = RUNS.values().stream()
                .map(run -> run.signatureId)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(ids).hasSize(RUNS.size());
        assertThat(inLog).containsAll(ids);
    }

    // ---- one combination: submit, callback, poll, validate ----

    private static void signAndValidate(Run run) {
        MatrixCase c = run.matrixCase;
        run.step("sign", () -> sign(run));
        if (run.result == null) {
            return;
        }
        if (!c.supported()) {
            run.step("documented error", () -> {
                assertThat(run.result.status()).as("status").isEqualTo(SignResult.Status.ERROR);
                // README: BLAKE2B is for "raw EC signatures only"; sign-worker's SignatureSuite refuses the rest.
                assertThat(run.result.message())
                        .startsWith("UNSUPPORTED_ALGORITHM")
                        .contains("BLAKE2B with " + c.keyAlgorithm() + " is not supported for "
                                + c.format().apiName());
                assertThat(run.result.signature()).isNull();
            });
            return;
        }
        run.step("result", () -> {
            assertThat(run.result.status())
                    .as("status (" + run.result.message() + ")")
                    .isEqualTo(SignResult.Status.OK);
            run.certificate = OneTimeCertificateChecks.parsePem(run.result.certificatePem());
        });
        if (run.certificate == null) {
            return;
        }
        // First, while the one-time certificate is young: DSS at B-B judges it at the current time.
        run.step("signature", () -> validate(run));
        run.step("time-stamp", () -> checkTimeStamp(run));
        run.step("one-time certificate", () -> {
            OneTimeCertificateChecks.assertValidity(run.certificate, run.submittedAt, run.endedAt);
            OneTimeCertificateChecks.assertKeyAlgorithm(run.certificate, c.keyAlgorithm());
            OneTimeCertificateChecks.assertIdentityClaims(run.certificate, signerClaims);
            run.certificate.verify(issuingCa.getPublicKey());
        });
    }

    private static void sign(Run run) throws Exception {
        MatrixCase c = run.matrixCase;
        String name = c.fileName();
        if (c.format() == SignatureFormat.PADES && c.supported()) {
            Path source = pdf(work.resolve(name + ".pdf"), c.toString());
            run.signed = work.resolve(name + "-signed.pdf");
            HashType hash = c.clientHashType().orElseThrow();
            run.preparedAt = Instant.now();
            PdfSigner.sign(source, run.signed, hash, "E2E " + c, digest -> {
                run.digest = digest;
                SignResult result = submitAndAwait(run);
                if (result.status() != SignResult.Status.OK) {
                    throw new IllegalStateException("no signature: " + result.message());
                }
                return result.signature();
            });
            return;
        }
        run.document = ("Contract " + c + " " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve(name + ".txt"), run.document);
        // A PAdES combination Signet refuses has no PDF digest to send: the hash of a text stands in.
        run.digest =
                c.clientHashType().map(h -> h.newDigest().digest(run.document)).orElseGet(() -> blake2b(run.document));
        submitAndAwait(run);
    }

    /** Submits with a callback URL, waits for the verified callback, then reads the result as the callback says. */
    private static SignResult submitAndAwait(Run run) {
        MatrixCase c = run.matrixCase;
        String nonce = UUID.randomUUID().toString();
        String state = c.fileName();
        run.submittedAt = Instant.now();
        run.signatureId = c.clientHashType().isPresent()
                ? client.submit(SignRequest.of(c.format(), c.clientHashType().get(), run.digest, "Sign " + c, c.level())
                        .withKeyAlgorithm(c.keyAlgorithm())
                        .withCallback(receiver.url().toString(), nonce, state))
                : submitBlake2b(c, run.digest, nonce, state);
        Callback callback;
        try {
            callback = callbackFuture(run.signatureId).get(RESULT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no verified callback for " + run.signatureId + " within " + RESULT_WAIT, e);
        }
        assertThat(callback.nonce()).as("callback nonce").isEqualTo(nonce);
        assertThat(callback.state()).as("callback state").isEqualTo(state);
        SignResult result = client.status(run.signatureId);
        run.endedAt = Instant.now();
        assertThat(result.done()).as("result ended when the callback came").isTrue();
        run.result = result;
        return result;
    }

    /**
     * The client library has no BLAKE2B (the JDK cannot compute it), so this one request is sent as the README's curl
     * example sends it: the same JSON body and headers.
     */
    private static String submitBlake2b(MatrixCase c, byte[] digest, String nonce, String state) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("format", c.format().apiName());
        body.put("hash", Base64.getEncoder().encodeToString(digest));
        body.put("hashType", c.hashType());
        body.put("dataToBeDisplayed", "Sign " + c);
        body.put("conformanceLevel", c.level().apiName());
        body.put("keyAlgorithm", c.keyAlgorithm());
        body.put("callbackUrl", receiver.url().toString());
        body.put("nonce", nonce);
        body.put("state", state);
        URI gateway = signet.service(SignetService.GATEWAY).orElseThrow().url();
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(gateway.resolve("/v1/sign/onetime"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + dev.rpApiKey())
                            .header("X-GovStack-AuthenticationToken", dev.signerToken())
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST: " + response.body()).isEqualTo(202);
            return JSON.readTree(response.body()).path("signatureId").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void validate(Run run) throws Exception {
        MatrixCase c = run.matrixCase;
        byte[] signature = run.result.signature();
        switch (c.format()) {
            case RAW -> {
                SignatureChecks.assertRawSignatureVerifies(signature, run.digest, c.hashType(), run.certificate);
                run.stamped = signature;
            }
            case CADES -> {
                run.stamped = SignatureChecks.signerInfoSignature(signature);
                ValidationReport report =
                        validator.validateCades(signature, new InMemoryDocument(run.document, c.fileName() + ".txt"));
                assertDss(run, report, "CAdES-BASELINE-" + c.level().baselineSuffix());
            }
            case PADES -> {
                run.stamped = SignatureChecks.signerInfoSignature(signature);
                if (c.level() == ConformanceLevel.B_LT) {
                    // As signet sign does: B-LT in a PDF is the Document Security Store, added by DSS.
                    PdfSigner.extendToLongTerm(run.signed, validator.certificateVerifier());
                }
                List<ValidationReport> reports = validator.validatePdf(new FileDocument(run.signed.toFile()));
                assertThat(reports).as("signatures in the PDF").hasSize(1);
                assertDss(run, reports.getFirst(), "PAdES-BASELINE-" + c.level().baselineSuffix());
            }
            default -> throw new IllegalStateException(c.format().toString());
        }
    }

    private static void assertDss(Run run, ValidationReport report, String format) {
        assertThat(report.indication())
                .as(
                        "DSS indication (%s, %s; claimed signing time %s, certificate notBefore %s, PDF prepared %s, submitted %s)",
                        report.subIndication(),
                        report.errors(),
                        report.claimedSigningTime(),
                        run.certificate.getNotBefore().toInstant(),
                        run.preparedAt,
                        run.submittedAt)
                .isEqualTo("TOTAL_PASSED");
        assertThat(report.format()).as("DSS format").isEqualTo(format);
        assertThat(report.documentIntact()).as("document intact").isTrue();
    }

    private static void checkTimeStamp(Run run) throws Exception {
        MatrixCase c = run.matrixCase;
        byte[] token = run.result.signatureTimestamp();
        if (!c.timeStamped()) {
            assertThat(token).as("no signatureTimestamp at B-B").isNull();
            return;
        }
        assertThat(token).as("signatureTimestamp").isNotNull();
        assertThat(run.stamped).as("signature value (from the validation step)").isNotNull();
        TimeStampToken timeStamp = SignatureChecks.assertTimeStampCovers(token, run.stamped);
        SignatureChecks.assertOpensslVerifies(work, c.fileName(), token, run.stamped, rootPem, caPem);
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> tsa = timeStamp.getCertificates().getMatches(timeStamp.getSID());
        run.tsaCertificate = tsa.isEmpty()
                ? null
                : new JcaX509CertificateConverter()
                        .getCertificate(tsa.iterator().next());
    }

    // ---- the audit trail of one combination ----

    private static void checkAuditTrail(Run run, AuditApiClient audit, AuditVerifier verifier) {
        if (run.signatureId == null) {
            return;
        }
        run.step("audit", () -> {
            Set<String> expected = run.matrixCase.supported()
                    ? Set.of("REQUESTED", "CERT_REQUESTED", "CERT_ISSUED", "COMPLETED", "KEY_DESTROYED")
                    : Set.of("REQUESTED", "FAILED");
            TransactionProof proof = await().atMost(AUDIT_WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> audit.proof(run.signatureId), p -> statuses(p).containsAll(expected));
            AuditVerifier.ProofCheck check = verifier.checkProof(proof);
            assertThat(check.failedPositions())
                    .as("entries whose inclusion proof fails")
                    .isEmpty();
            assertThat(check.head().ok()).as("signed head " + check.head()).isTrue();
            assertThat(check.head().timeStamp())
                    .as("head time-stamp by Signet's TSA")
                    .isEqualTo(AuditVerifier.TimeStampStatus.VALID);
            run.auditEntries = proof.entries().stream()
                    .map(TransactionProof.EntryProof::entry)
                    .toList();
            assertTransaction(run, run.auditEntries);
        });
        run.step("callbacks", () -> {
            assertThat(WEBHOOK_IDS.get(run.signatureId))
                    .as("one stable webhook-id however often delivered")
                    .hasSize(1);
            // The RP sees the callback and its attempts through the gateway (the outcome is recorded just after the
            // receiver answered, hence the wait).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<CallbackDelivery> callbacks = client.callbacks(run.signatureId);
                assertThat(callbacks).as("callbacks of " + run.signatureId).hasSize(1);
                CallbackDelivery callback = callbacks.getFirst();
                assertThat(callback.kind()).isEqualTo("GET");
                assertThat(callback.status()).isEqualTo("DELIVERED");
                assertThat(callback.webhookId())
                        .isEqualTo(WEBHOOK_IDS.get(run.signatureId).iterator().next());
                CallbackDelivery.Attempt last = callback.attempts().getLast();
                assertThat(last.outcome()).isEqualTo("DELIVERED");
                assertThat(last.httpStatus()).isBetween(200, 299);
            });
        });
    }

    private static void assertTransaction(Run run, List<AuditEntry> entries) {
        MatrixCase c = run.matrixCase;
        AuditEntry requested = only(entries, "REQUESTED");
        assertThat(requested.digestAlgorithm()).as("audited hashType").isEqualTo(c.hashType());
        assertThat(requested.documentDigest().bytes())
                .as("audited document digest")
                .isEqualTo(run.digest);
        assertThat(requested.detail())
                .as("audited request")
                .isEqualTo(c.format().apiName() + " " + c.level().apiName() + " " + c.keyAlgorithm());
        if (!c.supported()) {
            assertThat(only(entries, "FAILED").detail()).isEqualTo("UNSUPPORTED_ALGORITHM");
            assertThat(statuses(entries)).as("no key made").doesNotContain("KEY_DESTROYED", "CERT_ISSUED");
            return;
        }
        AuditEntry completed = only(entries, "COMPLETED");
        AuditEntry destroyed = only(entries, "KEY_DESTROYED");
        if (run.certificate != null) {
            assertThat(completed.certificateThumbprint())
                    .as("audited certificate")
                    .isEqualTo(Sha256Hash.digest(encoded(run.certificate)));
        }
        assertThat(destroyed.eventType()).as("destruction record").startsWith("signet.key.destroyed");
        assertThat(destroyed.keyId()).as("the signing key was destroyed").isEqualTo(completed.keyId());
        assertThat(destroyed.signerId()).as("pseudonymous signer").isEqualTo(requested.signerId());
        run.keyId = destroyed.keyId();
    }

    private static AuditEntry only(List<AuditEntry> entries, String status) {
        List<AuditEntry> found =
                entries.stream().filter(e -> status.equals(e.status())).toList();
        assertThat(found).as(status + " entries").hasSize(1);
        return found.getFirst();
    }

    private static Set<String> statuses(TransactionProof proof) {
        return statuses(
                proof.entries().stream().map(TransactionProof.EntryProof::entry).toList());
    }

    private static Set<String> statuses(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::status).collect(Collectors.toSet());
    }

    // ---- plumbing ----

    /**
     * One PDF signed and validated before the matrix, outside it. A PDF's claimed signing time precedes its one-time
     * certificate by the request's latency, which cert-worker's backdate (10 s) must cover; in a cold JVM on a busy
     * machine the first PDF and DSS work alone took longer than that (the first PAdES combinations ended
     * INDETERMINATE, signing-time before notBefore). A relying party's warm process does not pay that price.
     */
    private static void warmUp() throws IOException {
        Path signed = work.resolve("warm-up-signed.pdf");
        PdfSigner.sign(
                pdf(work.resolve("warm-up.pdf"), "warm-up"),
                signed,
                HashType.SHA2_256,
                "warm-up",
                digest -> client.sign(
                                SignRequest.of(
                                        SignatureFormat.PADES,
                                        HashType.SHA2_256,
                                        digest,
                                        "warm-up",
                                        ConformanceLevel.B_B),
                                RESULT_WAIT)
                        .signature());
        validator.validatePdf(new FileDocument(signed.toFile()));
    }

    /** Where the slowest combinations spent their time, from the audited event times (printed, not asserted). */
    private static void printSlowest(int count) {
        RUNS.values().stream()
                .filter(run -> run.submittedAt != null && run.endedAt != null)
                .sorted(java.util.Comparator.comparing((Run run) -> Duration.between(run.submittedAt, run.endedAt))
                        .reversed())
                .limit(count)
                .forEach(run -> {
                    StringBuilder line = new StringBuilder("end-to-end matrix: slow " + run.matrixCase + ":");
                    Instant previous = run.submittedAt;
                    for (AuditEntry entry : run.auditEntries.stream()
                            .sorted(java.util.Comparator.comparing(AuditEntry::time))
                            .toList()) {
                        line.append(' ')
                                .append(entry.status())
                                .append(" +")
                                .append(Duration.between(previous, entry.time()).toMillis())
                                .append("ms");
                        previous = entry.time();
                    }
                    line.append(" result +")
                            .append(Duration.between(previous, run.endedAt).toMillis())
                            .append("ms");
                    System.out.println(line);
                });
    }

    /**
     * Submission to result per format and key, printed for whoever reads a failure (not asserted): a PAdES signing
     * time precedes its certificate's issuance by this latency, and cert-worker's backdate covers 10 s of it.
     */
    private static void printLatencies() {
        Map<String, List<Long>> byKind = new java.util.TreeMap<>();
        RUNS.values().stream()
                .filter(run -> run.submittedAt != null && run.endedAt != null)
                .forEach(run -> byKind.computeIfAbsent(
                                run.matrixCase.format().apiName() + " " + run.matrixCase.keyAlgorithm(),
                                k -> new ArrayList<>())
                        .add(Duration.between(run.submittedAt, run.endedAt).toMillis()));
        byKind.forEach((kind, millis) -> System.out.printf(
                "end-to-end matrix: %-16s n=%3d max=%6d ms median=%6d ms%n",
                kind,
                millis.size(),
                millis.stream().mapToLong(Long::longValue).max().orElse(0),
                millis.stream().sorted().toList().get(millis.size() / 2)));
    }

    private static void runConcurrently(Collection<Run> runs, java.util.function.Consumer<Run> work)
            throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Run run : runs) {
                slots.acquire();
                executor.submit(() -> {
                    try {
                        work.accept(run);
                    } catch (Throwable t) {
                        run.failures.add(t);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    private static CompletableFuture<Callback> callbackFuture(String signatureId) {
        return CALLBACKS.computeIfAbsent(signatureId, id -> new CompletableFuture<>());
    }

    private static AuditApiClient auditApi() throws IOException {
        String token = Files.readString(dataDir.resolve("secrets").resolve("audit-auditor.token"))
                .strip();
        return new AuditApiClient(
                signet.service(SignetService.AUDIT).orElseThrow().url(), token);
    }

    /** The audit key as the CA token holds it: pinned out of band, not taken from the API that is being checked. */
    private static PublicKey auditKeyFromTheHsm() {
        try (Pkcs11Token token = openToken(SoftHsm.CA_TOKEN)) {
            return token.findLongTerm("signet-audit").orElseThrow().publicKey();
        }
    }

    /** Signet's TSA certificate, from a time-stamp token that {@code openssl ts -verify} chained to the root. */
    private static X509Certificate tsaCertificate() {
        return RUNS.values().stream()
                .filter(run -> run.tsaCertificate != null && run.failures.isEmpty())
                .map(run -> run.tsaCertificate)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no verified time-stamp in the matrix"));
    }

    private static Pkcs11Token openToken(String label) {
        SoftHsm hsm = signet.stack().softHsm().orElseThrow();
        return Pkcs11Token.open(HsmConfig.of(hsm.modulePath(), label, HsmConfig.pinFromFile(hsm.pinFile(label))));
    }

    private static Path download(URI from, Path to) throws Exception {
        HttpResponse<byte[]> response =
                HTTP.send(HttpRequest.newBuilder(from).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + from).isEqualTo(200);
        return Files.write(to, response.body());
    }

    private static Path pdf(Path file, String title) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText("Contract " + title + ": the parties agree.");
                content.endText();
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static byte[] blake2b(byte[] data) {
        Blake2bDigest digest = new Blake2bDigest(512);
        digest.update(data, 0, data.length);
        byte[] out = new byte[64];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one combination produced and what went wrong with it; written by its own task, read after all ended. */
    private static final class Run {
        final MatrixCase matrixCase;
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        volatile String signatureId;
        volatile byte[] document;
        volatile byte[] digest;
        volatile Path signed;
        volatile Instant preparedAt;
        volatile Instant submittedAt;
        volatile Instant endedAt;
        volatile SignResult result;
        volatile X509Certificate certificate;
        volatile byte[] stamped;
        volatile X509Certificate tsaCertificate;
        volatile String keyId;
        volatile List<AuditEntry> auditEntries = List.of();

        Run(MatrixCase matrixCase) {
            this.matrixCase = matrixCase;
        }

        /** Runs one check; a failure is recorded under the step's name and the next step still runs. */
        void step(String name, Check check) {
            try {
                check.run();
            } catch (Throwable t) {
                failures.add(new AssertionError(name + ": " + t.getMessage(), t));
            }
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }
}
