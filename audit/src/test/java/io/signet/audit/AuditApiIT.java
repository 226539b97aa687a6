package io.signet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.signet.client.audit.AuditApiClient;
import io.signet.client.audit.AuditVerifier;
import io.signet.hsm.KeyStoreToken;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.ConsistencyProof;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(AuditTestStack.class)
class AuditApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final AuditTestStack stack = AuditTestStack.get();
    private final AuditApiClient api = new AuditApiClient(URI.create(stack.baseUrl()), token());

    private static String token() {
        try {
            return Files.readString(AuditTestStack.get().auditorTokenFile()).strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit key as the HSM itself reports it, not as the API announces it. */
    private PublicKey auditKeyFromTheHsm() {
        KeyStoreToken token = stack.service().getBean(KeyStoreToken.class);
        return token.findLongTerm("signet-audit").orElseThrow().publicKey();
    }

    private String publishTransaction() {
        List<SignetEvent> transaction = SampleEvents.transaction();
        transaction.forEach(event -> stack.publish(event, null));
        return ((SignRequested) transaction.getFirst()).signatureId();
    }

    private TransactionProof awaitProof(String signatureId) {
        return await().atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(() -> api.proof(signatureId), proof -> proof.entries().size() == 6);
    }

    @Test
    void anInclusionProofOfATransactionVerifiesAgainstASignedHead() {
        String signatureId = publishTransaction();
        TransactionProof proof = awaitProof(signatureId);
        AuditVerifier verifier =
                new AuditVerifier(auditKeyFromTheHsm(), stack.tsa().certificate());
        AuditVerifier.ProofCheck check = verifier.checkProof(proof);
        assertThat(check.failedPositions()).isEmpty();
        assertThat(check.head().ok()).isTrue();
        assertThat(check.head().timeStamp()).isEqualTo(AuditVerifier.TimeStampStatus.VALID);
        assertThat(proof.entries())
                .extracting(p -> p.entry().status())
                .contains("REQUESTED", "COMPLETED", "KEY_DESTROYED");
    }

    @Test
    void theHeadSignatureVerifiesWithTheHsmPublicKeyAndItsTimeStampCoversTheSignature() throws Exception {
        publishTransaction();
        SignedTreeHead head = await().atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(api::latestHead, h -> h.timeStampToken() != null);
        // Plain JCA, not the verifier: a second implementation.
        Signature signature = Signature.getInstance(head.signatureAlgorithm());
        signature.initVerify(auditKeyFromTheHsm());
        signature.update(head.head().toBeSigned());
        assertThat(signature.verify(head.signature().bytes())).isTrue();
        assertThat(head.keyId().bytes())
                .isEqualTo(MessageDigest.getInstance("SHA-256")
                        .digest(auditKeyFromTheHsm().getEncoded()));

        TimeStampToken token =
                new TimeStampToken(new CMSSignedData(head.timeStampToken().bytes()));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder()
                .build(new JcaX509CertificateHolder(stack.tsa().certificate())));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256")
                        .digest(head.signature().bytes()));

        AuditVerifier strangerKey = new AuditVerifier(
                java.security.KeyPairGenerator.getInstance("EC")
                        .generateKeyPair()
                        .getPublic(),
                null);
        assertThat(strangerKey.checkHead(head).ok()).isFalse();
    }

    @Test
    void laterHeadsAreConsistentWithEarlierOnes() {
        publishTransaction();
        SignedTreeHead first = await().atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(api::latestHead, h -> h.treeSize() > 0);
        publishTransaction();
        SignedTreeHead second = await().atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(api::latestHead, h -> h.treeSize() > first.treeSize());
        ConsistencyProof proof = api.consistency(first.treeSize(), second.treeSize());
        AuditVerifier verifier =
                new AuditVerifier(auditKeyFromTheHsm(), stack.tsa().certificate());
        assertThat(verifier.checkConsistency(first, second, proof)).isTrue();
        assertThat(verifier.checkConsistency(second, first, proof)).isFalse();
    }

    @Test
    void theLogIsPagedWithNextLinksAndFilteredByTime() throws Exception {
        String signatureId = publishTransaction();
        awaitProof(signatureId);
        List<AuditEntry> all = api.exportLog(3);
        assertThat(all)
                .extracting(AuditEntry::position)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, all.size()).boxed().toList());
        AuditEntry some = all.get(all.size() / 2);
        HttpResponse<String> window = get(
                "/v1/audit/log?start=" + some.time() + "&end=" + some.time().plusNanos(1000) + "&limit=100",
                "Bearer " + token());
        assertThat(window.statusCode()).isEqualTo(200);
        assertThat(window.body()).contains(some.eventId());
        assertThat(get("/v1/audit/log?start=yesterday", "Bearer " + token()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void withoutTheAuditorTokenEveryAuditPathAnswers401WithAGovStackError() throws Exception {
        for (String path :
                List.of("/v1/audit/log", "/v1/audit/head", "/v1/audit/proof/x", "/v1/audit/key", "/v1/audit/nope")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"ERROR\"").contains("responseTimestamp");
        }
        assertThat(get("/v1/audit/log?limit=1", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpRequest govstack = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/audit/log?limit=1"))
                .header("X-GovStack-AuthenticationToken", token())
                .build();
        assertThat(HttpClient.newHttpClient()
                        .send(govstack, HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThatThrownBy(() -> api.proof("no-such-transaction"))
                .isInstanceOf(AuditApiClient.AuditApiException.class)
                .satisfies(e -> assertThat(((AuditApiClient.AuditApiException) e).status())
                        .isEqualTo(404));
    }

    @Test
    void aSignerSeesTheEntriesOfTheirOwnTransactionsAndNothingElse() throws Exception {
        String mine = publishTransaction();
        String theirs = publishTransaction();
        awaitProof(mine);
        awaitProof(theirs);
        // SampleEvents names the signer of a transaction "psn-" + the first 8 characters of its signatureId.
        String signer = "Bearer " + stack.identityProvider().token("psn-" + mine.substring(0, 8));

        HttpResponse<String> log = get("/v1/audit/log?limit=10000", signer);
        assertThat(log.statusCode()).isEqualTo(200);
        List<AuditEntry> seen =
                List.of(new io.signet.schemas.audit.AuditExport().mapper().readValue(log.body(), AuditEntry[].class));
        assertThat(seen)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.signatureId()).isEqualTo(mine));
        // Every entry of the transaction that names its signer; no subject in clear anywhere.
        assertThat(seen.size())
                .isEqualTo(api.proof(mine).entries().stream()
                        .filter(p -> p.entry().signerId() != null)
                        .count());
        assertThat(log.body()).doesNotContain("psn-" + mine.substring(0, 8));

        assertThat(get("/v1/audit/proof/" + mine, signer).statusCode()).isEqualTo(200);
        // Somebody else's transaction does not exist for this signer.
        HttpResponse<String> other = get("/v1/audit/proof/" + theirs, signer);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(theirs);
        assertThat(get("/v1/audit/head", signer).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdProviderTokenWithTheAuditorRoleReadsEverythingAndAForgedOneNothing(@TempDir Path strangerDir)
            throws Exception {
        String signatureId = publishTransaction();
        awaitProof(signatureId);
        String auditor = "Bearer " + stack.identityProvider().token("auditor-1", "auditor");
        HttpResponse<String> log = get("/v1/audit/log?limit=10000", auditor);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains(signatureId);
        assertThat(get("/v1/audit/proof/" + signatureId, auditor).statusCode()).isEqualTo(200);

        TestIdentityProvider stranger = TestIdentityProvider.create(strangerDir);
        HttpResponse<String> forged = get("/v1/audit/log", "Bearer " + stranger.token("auditor-1", "auditor"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("\"code\":\"ERROR\"");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
