package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.embedded.SoftHsm;
import io.signet.hsm.internal.ModuleLease;
import io.signet.hsm.internal.ModuleRegistry;
import io.signet.hsm.internal.SlotFinder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.Slot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, failure test 6: every session of the sign-worker's token closed behind its back (as an HSM restart or
 * fail-over does), three times, while RPs keep sending. The whole launcher runs in this JVM, so the test reaches the
 * same PKCS#11 module the sign-worker uses. Ephemeral keys are session objects: the ones alive at that moment die,
 * and their requests must be redone with new keys, not lost or failed.
 */
class HsmSessionLossIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SENDERS = 4;
    private static final int OUTAGES = 3;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void signSessionsClosedUnderLoadAreReopenedAndEveryRequestIsSignedOnce() throws Exception {
        try (RunningSignet signet = SignetLauncher.start(LauncherTestSupport.options(dataDir))) {
            URI gateway = signet.service(SignetService.GATEWAY).orElseThrow().url();
            TestRp rp = new TestRp(gateway, dataDir);
            Map<String, byte[]> accepted = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            SecureRandom random = new SecureRandom();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < SENDERS; i++) {
                    senders.submit(() -> {
                        while (running.get()) {
                            byte[] hash = new byte[32];
                            random.nextBytes(hash);
                            accepted.put(
                                    rp.accepted(
                                            hash, Map.of("format", "CAdES", "conformanceLevel", "AdES-B-B"), Map.of()),
                                    hash);
                        }
                        return null;
                    });
                }
                for (int outage = 0; outage < OUTAGES; outage++) {
                    awaitMore(accepted, 20);
                    closeAllSessionsOfTheSignToken();
                }
                awaitMore(accepted, 20);
                running.set(false);
            }

            List<String> ids = new ArrayList<>(accepted.keySet());
            for (String signatureId : ids) {
                JsonNode result = rp.awaitResult(signatureId, Duration.ofSeconds(90));
                assertThat(result.path("status").path("code").asString())
                        .as(signatureId + ": " + result.path("status").path("message"))
                        .isEqualTo("OK");
                assertVerifies(signatureId, result.path("signature").asString(), accepted.get(signatureId));
            }
            try (Connection db = signet.stack().postgres().orElseThrow().superuserConnection();
                    PreparedStatement query = db.prepareStatement(
                            "select count(*) from notify.signature_result where status = 'COMPLETED'"
                                    + " and signature_id = any(?)")) {
                query.setArray(1, db.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("one result per request").isEqualTo(ids.size());
                }
            }
            // The sign-worker noticed the dead sessions, replaced them, and reports ready again.
            HttpClient http = HttpClient.newHttpClient();
            URI signWorker =
                    signet.service(SignetService.SIGN_WORKER).orElseThrow().url();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> readiness = http.send(
                        HttpRequest.newBuilder(signWorker.resolve("/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(readiness.statusCode()).isEqualTo(200);
                JsonNode health = JSON.readTree(readiness.body());
                assertThat(health.path("status").asString()).isEqualTo("UP");
                JsonNode hsm = health.path("components").path("hsm").path("details");
                assertThat(hsm.path("sessionsDiscarded").asLong())
                        .as("sessions replaced")
                        .isPositive();
                assertThat(hsm.path("liveEphemeralKeys").asLong())
                        .as("keys left")
                        .isZero();
            });
        }
    }

    private static void awaitMore(Map<String, byte[]> accepted, int more) {
        int target = accepted.size() + more;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> accepted.size() >= target);
    }

    /** Closes every session of every application on the token's slot in this process: the sign-worker's too. */
    private static void closeAllSessionsOfTheSignToken() throws Exception {
        try (ModuleLease lease =
                ModuleRegistry.acquire(SoftHsm.defaultModulePath().orElseThrow())) {
            Slot slot = SlotFinder.byLabel(lease.module(), SoftHsm.SIGN_TOKEN).orElseThrow();
            lease.module().getPKCS11Module().C_CloseAllSessions(slot.getSlotID());
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertVerifies(String signatureId, String signature, byte[] hash) throws Exception {
        CMSSignedData cms = new CMSSignedData(Base64.getDecoder().decode(signature));
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder certificate = cms.getCertificates()
                .getMatches((Selector<X509CertificateHolder>) signer.getSID())
                .iterator()
                .next();
        // Detached CMS over the RP's hash: the content is not at hand, so check the signed message-digest is the
        // RP's hash and that the signature over the signed attributes verifies.
        byte[] messageDigest = ASN1OctetString.getInstance(signer.getSignedAttributes()
                        .get(CMSAttributes.messageDigest)
                        .getAttrValues()
                        .getObjectAt(0))
                .getOctets();
        assertThat(messageDigest).as(signatureId + " message-digest").isEqualTo(hash);
        ContentVerifier verifier = new JcaContentVerifierProviderBuilder()
                .build(certificate)
                .get(signer.toASN1Structure().getDigestEncryptionAlgorithm());
        try (var out = verifier.getOutputStream()) {
            out.write(signer.getEncodedSignedAttributes());
        }
        assertThat(verifier.verify(signer.getSignature()))
                .as(signatureId + " verifies")
                .isTrue();
    }
}
