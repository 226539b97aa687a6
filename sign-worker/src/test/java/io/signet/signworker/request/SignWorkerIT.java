package io.signet.signworker.request;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.SoftHsm;
import io.signet.embedded.StackOptions;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.Pkcs11Token;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertRequested;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.ConformanceLevel;
import io.signet.schemas.HashType;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.KeyAlgorithm;
import io.signet.schemas.KeyDestroyed;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.SignatureFormat;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.SignetEvent;
import io.signet.schemas.Topics;
import io.signet.signworker.SignWorkerApplication;
import io.signet.signworker.keys.EphemeralKeys;
import io.signet.signworker.testing.ClaimsGate;
import io.signet.signworker.testing.DssValidation;
import io.signet.signworker.testing.PdfSigning;
import io.signet.signworker.testing.RealCertWorker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The sign-worker on the embedded stack: a real Kafka broker, PostgreSQL, SoftHSM2's signet-sign and signet-ca tokens,
 * and Signet's real cert-worker (CA, OCSP, CRL, TSA, sign claims). Each signature is checked with BouncyCastle,
 * openssl and EU DSS (online revocation from cert-worker, Signet's root as the only trust anchor); the token is
 * checked for leftovers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignWorkerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    static EmbeddedStack stack;
    static RealCertWorker ca;
    /** One-time keys generated per signatureId by the running worker. */
    static final Map<String, java.util.concurrent.atomic.AtomicInteger> KEYS = new ConcurrentHashMap<>();
    /** Where each submitted request landed in signet.sign.requested. */
    static final Map<String, List<org.apache.kafka.clients.producer.RecordMetadata>> SUBMITTED =
            new ConcurrentHashMap<>();

    /** Requests whose batch fails once right after their key was made (the batch is then rolled back, redone). */
    static final Set<String> FAIL_ONCE_AFTER_KEY = ConcurrentHashMap.newKeySet();

    /** Requests whose batch fails right after their key was made, each time, for as long as they are in here. */
    static final Set<String> FAIL_BATCH_AFTER_KEY = ConcurrentHashMap.newKeySet();

    /** Requests that meet a bug right after their key was made. */
    static final Set<String> BUG_AFTER_KEY = ConcurrentHashMap.newKeySet();

    /** Requests that end at cert-worker right after their key was made, as if another copy had completed them. */
    static final Set<String> END_ELSEWHERE_AFTER_KEY = ConcurrentHashMap.newKeySet();

    static final SignStepObserver COUNTING = new SignStepObserver() {
        @Override
        public void keyGenerated(String signatureId) {
            KEYS.computeIfAbsent(signatureId, k -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            if (FAIL_ONCE_AFTER_KEY.remove(signatureId) || FAIL_BATCH_AFTER_KEY.contains(signatureId)) {
                throw new BatchFailure();
            }
            if (BUG_AFTER_KEY.contains(signatureId)) {
                throw new IllegalStateException("test: a bug right after the key was made");
            }
            if (END_ELSEWHERE_AFTER_KEY.remove(signatureId)) {
                ca.bean(io.signet.certworker.claims.SignClaims.class).end(List.of(signatureId));
            }
        }
    };
    /**
     * What no step of a request handles, like an {@link OutOfMemoryError}: it fails the batch as a whole, which is
     * then rolled back and redone.
     */
    static final class BatchFailure extends Error {
        BatchFailure() {
            super("test: the batch fails after a key was made");
        }
    }

    static ConfigurableApplicationContext worker;
    static KafkaProducer<String, byte[]> relyingParty;
    static ResultCollector results;
    static final KafkaCloudEvents EVENTS = new KafkaCloudEvents("sign-worker-it");
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target");
        work = Files.createDirectories(target.resolve("it-work"));
        stack = EmbeddedStack.start(StackOptions.in(target.resolve("it-stack"))
                .withWipe(true)
                .withSoftHsmConf(Path.of(System.getenv("SOFTHSM2_CONF")))
                .withShutdownHook(false));
        String bootstrap = stack.kafka().orElseThrow().bootstrap();
        List<String> topics = new ArrayList<>(Topics.ALL);
        topics.add(Topics.dlt(Topics.SIGN_REQUESTED));
        stack.kafka().orElseThrow().createTopics(topics, 4);
        ca = RealCertWorker.start(stack);
        results = new ResultCollector(bootstrap);
        relyingParty = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new ByteArraySerializer());
        worker = startWorker(COUNTING);
    }

    static ConfigurableApplicationContext startWorker(SignStepObserver observer, String... extraArgs) {
        SpringApplication application = SignWorkerApplication.application();
        if (observer != null) {
            application.addInitializers(
                    context -> context.getBeanFactory().registerSingleton("testObserver", observer));
        }
        List<String> args = new ArrayList<>();
        stack.environment(SoftHsm.SIGN_TOKEN).forEach((name, value) -> args.add("--" + property(name) + "=" + value));
        args.add("--server.port=0");
        args.add("--signet.signworker.tsa.url=" + ca.baseUrl() + "/pki/tsa");
        args.add("--signet.signworker.ltv.crl-urls=" + ca.baseUrl() + "/pki/crl");
        String claimsUrl = "--signet.signworker.claims.url=";
        if (Stream.of(extraArgs).noneMatch(arg -> arg.startsWith(claimsUrl))) {
            args.add(claimsUrl + ca.baseUrl() + "/internal/claims");
        }
        args.add("--signet.signworker.claims.token=" + RealCertWorker.CLAIMS_TOKEN);
        args.addAll(List.of(extraArgs));
        return application.run(args.toArray(String[]::new));
    }

    private static String property(String environmentName) {
        return switch (environmentName) {
            case "SIGNET_KAFKA_BOOTSTRAP" -> "spring.kafka.bootstrap-servers";
            case "SIGNET_HSM_MODULE" -> "signet.hsm.module";
            case "SIGNET_HSM_TOKEN_LABEL" -> "signet.hsm.token-label";
            case "SIGNET_HSM_PIN_FILE" -> "signet.hsm.pin-file";
            default -> "signet.ignored." + environmentName;
        };
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (results != null) {
            results.close();
        }
        if (relyingParty != null) {
            relyingParty.close();
        }
        if (ca != null) {
            ca.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<Arguments> combinations() {
        // A covering subset: every key algorithm, hash type, format and level appears, and every pair of format and
        // level; the builder test covers the full product without the HSM.
        return Stream.of(
                Arguments.of(KeyAlgorithm.EC_P256, HashType.SHA2_256, SignatureFormat.CADES, ConformanceLevel.ADES_B_B),
                Arguments.of(KeyAlgorithm.EC_P256, HashType.SHA2_256, SignatureFormat.CADES, ConformanceLevel.ADES_B_T),
                Arguments.of(
                        KeyAlgorithm.EC_P256, HashType.SHA2_256, SignatureFormat.CADES, ConformanceLevel.ADES_B_LT),
                Arguments.of(KeyAlgorithm.EC_P384, HashType.SHA2_512, SignatureFormat.CADES, ConformanceLevel.ADES_B_T),
                Arguments.of(
                        KeyAlgorithm.RSA_3072, HashType.SHA3_256, SignatureFormat.CADES, ConformanceLevel.ADES_B_LT),
                Arguments.of(KeyAlgorithm.EC_P384, HashType.SHA3_256, SignatureFormat.CADES, ConformanceLevel.ADES_B_B),
                Arguments.of(KeyAlgorithm.EC_P256, HashType.SHA3_256, SignatureFormat.PADES, ConformanceLevel.ADES_B_B),
                Arguments.of(
                        KeyAlgorithm.RSA_3072, HashType.SHA2_256, SignatureFormat.PADES, ConformanceLevel.ADES_B_T),
                Arguments.of(
                        KeyAlgorithm.EC_P384, HashType.SHA2_512, SignatureFormat.PADES, ConformanceLevel.ADES_B_LT),
                Arguments.of(KeyAlgorithm.EC_P256, HashType.SHA2_256, SignatureFormat.RAW, ConformanceLevel.ADES_B_B),
                Arguments.of(KeyAlgorithm.EC_P384, HashType.SHA3_256, SignatureFormat.RAW, ConformanceLevel.ADES_B_T),
                Arguments.of(KeyAlgorithm.RSA_3072, HashType.SHA2_512, SignatureFormat.RAW, ConformanceLevel.ADES_B_T),
                Arguments.of(KeyAlgorithm.EC_P256, HashType.BLAKE2B, SignatureFormat.RAW, ConformanceLevel.ADES_B_B));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("combinations")
    void signsOnceVerifiablyAndDestroysTheKey(
            KeyAlgorithm keyAlgorithm, HashType hashType, SignatureFormat format, ConformanceLevel level)
            throws Exception {
        byte[] content = ("document " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] hash = MessageDigest.getInstance(hashType.jcaName(), new BouncyCastleProvider())
                .digest(content);
        Instant submitted = Instant.now();
        String id = submit(
                keyAlgorithm,
                hashType,
                format,
                level,
                hash,
                "signer-1",
                Instant.now().plusSeconds(60));

        SignCompleted completed = results.awaitOne(id, SignCompleted.class);
        Instant received = Instant.now();
        KeyDestroyed destroyed = results.awaitOne(id, KeyDestroyed.class);
        assertThat(results.of(id, SignFailed.class)).isEmpty();
        assertThat(destroyed.keyId()).isEqualTo(completed.keyId());
        assertThat(destroyed.signerId()).isEqualTo("signer-1");
        assertThat(destroyed.token()).isEqualTo(SoftHsm.SIGN_TOKEN);
        assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();

        X509Certificate certificate = certificate(completed.certificate());
        // 60 s, and as long again as the request waited for its certificate: the validity starts (backdated) at the
        // request's acceptance and lasts 60 s from the issuance.
        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61).plus(Duration.between(submitted, received)));
        assertThat(completed.signatureTimestamp() != null).isEqualTo(level != ConformanceLevel.ADES_B_B);

        byte[] signature = completed.signature().bytes();
        if (format == SignatureFormat.RAW) {
            verifyRaw(keyAlgorithm, hashType, content, hash, signature, certificate);
            if (completed.signatureTimestamp() != null) {
                openSslTimestampVerify(completed.signatureTimestamp().bytes(), digestOf(hashType, signature), hashType);
            }
            return;
        }
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(new BouncyCastleProvider())
                        .build(new X509CertificateHolder(certificate.getEncoded()))))
                .isTrue();
        openSslCmsVerify(signature, content);
        if (completed.signatureTimestamp() != null) {
            openSslTimestampVerify(
                    completed.signatureTimestamp().bytes(), digestOf(hashType, signer.getSignature()), hashType);
        }
        // B-LT offline: everything but the root must come from inside the signature. B-B and B-T online, as a
        // relying party validates them: revocation data from cert-worker's OCSP responder and CRL.
        boolean online = level != ConformanceLevel.ADES_B_LT;
        DssValidation.Result dss = DssValidation.validate(
                signature, dssDigest(hashType), hash, ca.root().getEncoded(), online);
        assertThat(dss.intact()).as("DSS %s", dss).isTrue();
        if (format == SignatureFormat.CADES) {
            assertThat(dss.level()).as("DSS %s", dss).isEqualTo(expectedCadesLevel(level));
            assertThat(dss.indication()).as("DSS %s", dss).isEqualTo(Indication.TOTAL_PASSED);
        } else {
            // A PAdES CMS has no signing-time by design (the PDF dictionary carries it), which a CAdES validation
            // flags; the PDF-embedded check is PadesInPdfIT.
            assertThat(dss.indication()).as("DSS %s", dss).isNotEqualTo(Indication.TOTAL_FAILED);
        }
        Files.writeString(
                work.resolve("dss-indications.txt"),
                keyAlgorithm + " " + hashType + " " + format + " " + level + " -> " + dss + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("padesLevels")
    void aPadesSignatureEmbeddedInAPdfVerifiesOverTheByteRange(ConformanceLevel level) throws Exception {
        byte[] signedPdf;
        byte[] hash;
        try (PdfSigning pdf = PdfSigning.newDocument()) {
            hash = MessageDigest.getInstance("SHA-256").digest(pdf.content());
            String id = submit(
                    KeyAlgorithm.EC_P256,
                    HashType.SHA2_256,
                    SignatureFormat.PADES,
                    level,
                    hash,
                    "signer-pdf",
                    Instant.now().plusSeconds(60));
            signedPdf = pdf.embed(
                    results.awaitOne(id, SignCompleted.class).signature().bytes());
        }

        PdfSigning.Signed read = PdfSigning.read(signedPdf);
        assertThat(read.subFilter()).isEqualTo("ETSI.CAdES.detached");
        assertThat(read.coversWholeFile()).isTrue();
        assertThat(MessageDigest.getInstance("SHA-256").digest(read.content())).isEqualTo(hash);
        ContentInfo info;
        try (ASN1InputStream in = new ASN1InputStream(read.contents())) {
            info = ContentInfo.getInstance(in.readObject()); // /Contents is zero-padded after the DER
        }
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(read.content()), info);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder certificate = (X509CertificateHolder)
                cms.getCertificates().getMatches(signer.getSID()).iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(new BouncyCastleProvider())
                        .build(certificate)))
                .isTrue();
        // PAdES baseline: no signing-time in the CMS (the PDF dictionary's /M carries the claimed time).
        assertThat(signer.getSignedAttributes().get(CMSAttributes.signingTime)).isNull();
        assertThat(signer.getUnsignedAttributes() != null
                        && signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                                != null)
                .isEqualTo(level != ConformanceLevel.ADES_B_B);
        openSslCmsVerify(info.getEncoded("DER"), read.content());
        DssValidation.Result dss = DssValidation.validate(
                info.getEncoded("DER"), "SHA256", hash, ca.root().getEncoded(), true);
        assertThat(dss.intact()).as("DSS %s", dss).isTrue();
        assertThat(dss.indication()).as("DSS %s", dss).isNotEqualTo(Indication.TOTAL_FAILED);
    }

    static Stream<ConformanceLevel> padesLevels() {
        return Stream.of(ConformanceLevel.ADES_B_B, ConformanceLevel.ADES_B_T);
    }

    @Order(2)
    @Test
    void aRequestPastItsDeadlineFailsExpiredWithoutMakingAKey() throws Exception {
        String id = submit(
                KeyAlgorithm.EC_P256,
                HashType.SHA2_256,
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_B,
                new byte[32],
                "signer-2",
                Instant.now().minusSeconds(1));
        SignFailed failed = results.awaitOne(id, SignFailed.class);
        assertThat(failed.errorCode()).isEqualTo(SignFailed.ErrorCode.EXPIRED);
        assertThat(results.of(id, KeyDestroyed.class)).isEmpty();
        assertThat(results.of(id, SignCompleted.class)).isEmpty();
    }

    @Order(2)
    @Test
    void aCertWorkerSilentUntilTheDeadlineIsAskedNoLongerThanThat() throws Exception {
        // cert-worker's certificate consumer stops: the worker's request gets no answer.
        MessageListenerContainer certificates =
                ca.bean(KafkaListenerEndpointRegistry.class).getListenerContainer("cert-worker-onetime");
        certificates.pause();
        org.awaitility.Awaitility.await().atMost(WAIT).until(certificates::isContainerPaused);
        try {
            // The deadline comes before the first reply timeout (5 s): one request, then the sign request ends.
            String id = submit(
                    KeyAlgorithm.EC_P256,
                    HashType.SHA2_256,
                    SignatureFormat.CADES,
                    ConformanceLevel.ADES_B_B,
                    new byte[32],
                    "signer-silent-ca",
                    Instant.now().plusSeconds(3));

            SignFailed failed = results.awaitOne(id, SignFailed.class);

            assertThat(failed.errorCode()).isEqualTo(SignFailed.ErrorCode.EXPIRED);
            assertThat(results.of(id, KeyDestroyed.class)).hasSize(1);
            assertThat(certificateRequestsFor(id))
                    .as("certificate requests sent (after the deadline, more are of no use)")
                    .isEqualTo(1);
        } finally {
            certificates.resume();
        }
    }

    /** How many certificate requests for {@code signatureId} are on signet.cert.requested. */
    private static long certificateRequestsFor(String signatureId) {
        try (KafkaConsumer<String, byte[]> consumer = consumer("cert-requests-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CERT_REQUESTED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long found = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (EVENTS.fromConsumerRecord(record).payload() instanceof CertRequested request
                            && request.signatureId().equals(signatureId)) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    @Order(2)
    @Test
    void aBatchRolledBackAfterMakingAKeyKeepsTheKeysDeletionRecord() throws Exception {
        SignRequested request = cadesBbRequest("signer-rollback");
        FAIL_ONCE_AFTER_KEY.add(request.signatureId());

        String id = publish(request);
        results.awaitOne(id, SignCompleted.class);

        // Two keys were made and destroyed: the rolled-back attempt's and the redo's. Both destructions are on
        // record, though only the redo's batch was committed.
        assertTwoKeysMadeAndBothDestructionsOnRecord(id);
        assertThat(results.of(id, SignCompleted.class)).hasSize(1);
    }

    @Order(2)
    @Test
    void aBugWhileSigningOneRequestFailsItInternalWithoutRedoingItOrItsNeighbours() throws Exception {
        SignRequested buggy = cadesBbRequest("signer-bug");
        BUG_AFTER_KEY.add(buggy.signatureId());
        publish(buggy);
        String behind = publishBehind(buggy.signatureId());

        SignFailed failed = results.awaitOne(buggy.signatureId(), SignFailed.class);
        assertThat(failed.errorCode()).isEqualTo(SignFailed.ErrorCode.INTERNAL);
        assertThat(failed.message()).isEqualTo("internal error");
        results.awaitOne(behind, SignCompleted.class);
        assertThat(results.awaitOne(buggy.signatureId(), KeyDestroyed.class).signerId())
                .isEqualTo("signer-bug");
        // Neither request was redone: one key each, one result each.
        assertThat(KEYS.get(buggy.signatureId())).hasValue(1);
        assertThat(KEYS.get(behind)).hasValue(1);
        assertThat(results.of(buggy.signatureId(), SignFailed.class)).hasSize(1);
        assertThat(results.of(buggy.signatureId(), SignCompleted.class)).isEmpty();
        assertThat(results.of(behind, SignCompleted.class)).hasSize(1);
        assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();
    }

    @Order(2)
    @Test
    void blake2bInCmsIsRejectedAsUnsupportedWithoutMakingAKey() throws Exception {
        String id = submit(
                KeyAlgorithm.EC_P256,
                HashType.BLAKE2B,
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_B,
                new byte[64],
                "signer-3",
                Instant.now().plusSeconds(60));
        SignFailed failed = results.awaitOne(id, SignFailed.class);
        assertThat(failed.errorCode()).isEqualTo(SignFailed.ErrorCode.UNSUPPORTED_ALGORITHM);
        assertThat(results.of(id, KeyDestroyed.class)).isEmpty();
    }

    @Order(2)
    @Test
    void aCopyOfARequestThatEndedElsewhereStopsWithoutAResultAndDestroysItsKey() throws Exception {
        SignRequested request = cadesBbRequest("signer-ended");
        END_ELSEWHERE_AFTER_KEY.add(request.signatureId());
        publish(request);
        // A later request on the same partition is done only after the first one's batch was committed.
        results.awaitOne(publishBehind(request.signatureId()), SignCompleted.class);

        assertThat(KEYS.get(request.signatureId())).hasValue(1);
        assertThat(results.awaitOne(request.signatureId(), KeyDestroyed.class).signerId())
                .isEqualTo("signer-ended");
        assertThat(results.of(request.signatureId(), SignCompleted.class)).isEmpty();
        assertThat(results.of(request.signatureId(), SignFailed.class)).isEmpty();
        assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();
    }

    @Order(2)
    @Test
    void refusedClaimsFailWithInvalidClaimsAndTheKeyIsStillDestroyed() throws Exception {
        // No name at all: cert-worker cannot form a subject and refuses.
        String id = publish(request(
                KeyAlgorithm.EC_P256,
                HashType.SHA2_256,
                SignatureFormat.RAW,
                ConformanceLevel.ADES_B_B,
                new byte[32],
                SignerClaims.ofSubject("refuse-me"),
                Instant.now().plusSeconds(60)));
        SignFailed failed = results.awaitOne(id, SignFailed.class);
        assertThat(failed.errorCode()).isEqualTo(SignFailed.ErrorCode.INVALID_CLAIMS);
        assertThat(results.awaitOne(id, KeyDestroyed.class).signerId()).isEqualTo("refuse-me");
        assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();
    }

    @Order(2)
    @Test
    void aRecordThatIsNoSignRequestGoesToTheDeadLetterTopic() throws Exception {
        String key = UUID.randomUUID().toString();
        relyingParty
                .send(new ProducerRecord<>(Topics.SIGN_REQUESTED, key, "not an event".getBytes(StandardCharsets.UTF_8)))
                .get();
        try (KafkaConsumer<String, byte[]> dlt = consumer("dlt-" + key)) {
            dlt.subscribe(List.of(Topics.dlt(Topics.SIGN_REQUESTED)));
            List<String> keys = new CopyOnWriteArrayList<>();
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        dlt.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                        return keys.contains(key);
                    });
        }
    }

    @Order(2)
    @Test
    void theValueOfALiveEphemeralKeyCannotBeRead() {
        Pkcs11Token token = (Pkcs11Token) worker.getBean(KeyStoreToken.class);
        KeyHandle key = token.generateEphemeral(io.signet.hsm.KeyAlgorithm.EC_P256);
        try {
            assertThat(token.privateValueReadable(key)).isFalse();
        } finally {
            token.destroy(key);
        }
        assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();
    }

    @Order(3)
    @Test
    void aWorkerKilledBetweenKeyGenerationAndSigningLosesNothingAndLeavesNoKey() throws Exception {
        worker.close();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConfigurableApplicationContext doomed = startWorker(
                new SignStepObserver() {
                    @Override
                    public void keyGenerated(String signatureId) {
                        reached.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                // A frozen worker is dropped from the group after this, as a dead one is after its session timeout.
                "--spring.kafka.consumer.properties.max.poll.interval.ms=8000");
        try {
            String id = submit(
                    KeyAlgorithm.EC_P256,
                    HashType.SHA2_256,
                    SignatureFormat.CADES,
                    ConformanceLevel.ADES_B_T,
                    new byte[32],
                    "signer-4",
                    Instant.now().plusSeconds(120));
            assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
            KeyStoreToken doomedToken = doomed.getBean(KeyStoreToken.class);
            assertThat(doomed.getBean(EphemeralKeys.class).leftovers()).hasSize(2); // private and public object

            // Closes the token (and with it the key's session) while the listener stays frozen before signing: the
            // frozen thread is released only at the very end, so it behaves like a dead process.
            doomed.close();
            worker = startWorker(COUNTING);

            SignCompleted completed = results.awaitOne(id, SignCompleted.class);
            assertThat(results.awaitOne(id, KeyDestroyed.class).keyId()).isEqualTo(completed.keyId());
            assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();
            // Whatever the killed worker had done is gone with its aborted transaction.
            assertThat(results.of(id, SignCompleted.class)).hasSize(1);
            assertThat(results.of(id, SignFailed.class)).isEmpty();
            assertThat(doomedToken).isNotNull();
        } finally {
            release.countDown();
        }
    }

    @Order(4)
    @Test
    void aWorkerStoppedWhileWaitingForTheTsaKeepsTheDeletionRecordOfItsKey() throws Exception {
        worker.close();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConfigurableApplicationContext stopping = startWorker(
                COUNTING,
                "--signet.signworker.tsa.url=http://127.0.0.1:" + closedPort + "/pki/tsa",
                "--signet.signworker.shutdown-timeout=1s");
        try {
            String id = submit(
                    KeyAlgorithm.EC_P256,
                    HashType.SHA2_256,
                    SignatureFormat.CADES,
                    ConformanceLevel.ADES_B_T,
                    new byte[32],
                    "signer-tsa-away",
                    Instant.now().plusSeconds(120));
            // Certified: the request now asks the TSA, which does not answer, again and again.
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ca.bean(org.jdbi.v3.core.Jdbi.class)
                                    .withHandle(h -> h.createQuery(
                                                    "select count(*) from certificate where signature_id = :id")
                                            .bind("id", id)
                                            .mapTo(Integer.class)
                                            .one())
                            > 0);

            stopping.close();
            worker = startWorker(COUNTING);

            // The stopped worker's batch was rolled back and redone with a new key; both keys' destructions are on
            // record, the first one published before the stopping worker closed its producer.
            results.awaitOne(id, SignCompleted.class);
            assertTwoKeysMadeAndBothDestructionsOnRecord(id);
            assertThat(results.of(id, SignFailed.class)).isEmpty();
        } finally {
            stopping.close();
        }
    }

    @Order(4)
    @Test
    void aRequestRelayedTwiceIsSignedOnceWithOneKey() throws Exception {
        SignRequested request = cadesBbRequest("signer-5");
        publish(request);
        publish(request);
        // A later request on the same partition is done only after both copies were consumed.
        String marker = publishBehind(request.signatureId());
        results.awaitOne(marker, SignCompleted.class);

        assertThat(SUBMITTED.get(request.signatureId())).hasSize(2);
        assertThat(results.of(request.signatureId(), SignCompleted.class)).hasSize(1);
        // Key destructions travel on a topic of their own (other partitions): wait for this one to be read too.
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(results.of(request.signatureId(), KeyDestroyed.class))
                        .hasSize(1));
        assertThat(results.of(request.signatureId(), SignFailed.class)).isEmpty();
        assertThat(KEYS.get(request.signatureId())).hasValue(1);
    }

    @Order(5)
    @Test
    void aWorkerThatLosesPartitionsWhileCertWorkerIsAwayLeavesTheirRequestsToTheirNewOwner() throws Exception {
        worker.close();
        List<ConfigurableApplicationContext> workers = new ArrayList<>();
        try (ClaimsGate gate = ClaimsGate.closed(ca.baseUrl() + "/internal/claims")) {
            List<String> ids = new ArrayList<>();
            for (int partition = 0; partition < 4; partition++) {
                ids.add(publishTo(partition, cadesBbRequest("signer-rebalance")));
                ids.add(publishTo(partition, cadesBbRequest("signer-rebalance")));
            }
            // The only worker cannot claim its batch (cert-worker is away) while a second worker joins.
            ConfigurableApplicationContext first = rebalanceWhileTheFirstWorkerRetries(gate, workers);

            // Once cert-worker is back, every request is signed once, with one key.
            gate.open();
            for (String id : ids) {
                results.awaitOne(id, SignCompleted.class);
            }
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> lag(first) == 0);
            for (String id : ids) {
                assertThat(KEYS.get(id)).as(id).hasValue(1);
                assertThat(results.of(id, SignCompleted.class)).as(id).hasSize(1);
                assertThat(results.of(id, SignFailed.class)).as(id).isEmpty();
            }
        } finally {
            workers.reversed().forEach(ConfigurableApplicationContext::close);
            worker = startWorker(COUNTING);
        }
    }

    @Order(5)
    @Test
    void aBatchThatFailsAsAWholeIsRedoneOnlyByWhoeverOwnsItsPartitionsThen() throws Exception {
        worker.close();
        List<ConfigurableApplicationContext> workers = new ArrayList<>();
        try (ClaimsGate gate = ClaimsGate.closed(ca.baseUrl() + "/internal/claims")) {
            gate.open(); // lets every call through; it only records which partitions the first worker works on
            List<String> ids = new ArrayList<>();
            for (int partition = 0; partition < 4; partition++) {
                for (int i = 0; i < 2; i++) {
                    SignRequested request = cadesBbRequest("signer-batch-failure");
                    FAIL_BATCH_AFTER_KEY.add(request.signatureId());
                    ids.add(publishTo(partition, request));
                }
            }
            // The only worker claims its batch, makes keys, and the batch fails, again and again, while a second
            // worker joins.
            rebalanceWhileTheFirstWorkerRetries(gate, workers);

            // Once the cause is gone, every request ends signed once, and every key made is on record.
            FAIL_BATCH_AFTER_KEY.clear();
            for (String id : ids) {
                results.awaitOne(id, SignCompleted.class);
            }
            for (String id : ids) {
                assertThat(results.of(id, SignCompleted.class)).as(id).hasSize(1);
                assertThat(results.of(id, SignFailed.class)).as(id).isEmpty();
                int made = KEYS.get(id).get();
                org.awaitility.Awaitility.await()
                        .atMost(WAIT)
                        .untilAsserted(() -> assertThat(results.of(id, KeyDestroyed.class))
                                .as(id)
                                .hasSize(made));
            }
        } finally {
            FAIL_BATCH_AFTER_KEY.clear();
            workers.reversed().forEach(ConfigurableApplicationContext::close);
            worker = startWorker(COUNTING);
        }
    }

    /**
     * Starts a first worker, whose claims go through {@code gate}, and waits until its batch holds requests of all four
     * partitions; the caller's setup makes that batch fail. Then starts a second worker, which is given half of the
     * partitions, and checks that the first one's next batch holds only requests of partitions it still owns: the
     * failed batch was not kept in hand across the rebalance. Both workers are added to {@code started}.
     *
     * @return the first worker
     */
    private static ConfigurableApplicationContext rebalanceWhileTheFirstWorkerRetries(
            ClaimsGate gate, List<ConfigurableApplicationContext> started) {
        ConfigurableApplicationContext first = startWorker(
                COUNTING, "--signet.signworker.concurrency=1", "--signet.signworker.claims.url=" + gate.url());
        started.add(first);
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        gate.calls().stream().anyMatch(call -> call.partitions().size() == 4));

        ConfigurableApplicationContext second = startWorker(COUNTING, "--signet.signworker.concurrency=1");
        started.add(second);
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !assignedPartitions(second).isEmpty());
        long rebalanced = System.nanoTime();
        Set<Integer> given = assignedPartitions(second);

        ClaimsGate.Call next = org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> gate.firstCallAfter(rebalanced), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(next.partitions()).isNotEmpty().doesNotContainAnyElementsOf(given);
        return first;
    }

    private static Set<Integer> assignedPartitions(ConfigurableApplicationContext running) {
        var container = running.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
                .getListenerContainer(SignRequestListener.ID);
        var assigned = container == null ? null : container.getAssignedPartitions();
        return assigned == null
                ? Set.of()
                : assigned.stream().map(TopicPartition::partition).collect(java.util.stream.Collectors.toSet());
    }

    @Order(6)
    @Test
    void replayingTheWholeTopicAfterAGroupResetSignsNothingAgain() throws Exception {
        // Every request so far has ended at cert-worker (its result consumer has caught up) ...
        List<Claim> all = SUBMITTED.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(m -> new Claim(e.getKey(), m.partition(), m.offset())))
                .toList();
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ca
                        .bean(io.signet.certworker.claims.SignClaims.class)
                        .claim(all.stream()
                                .map(c -> new io.signet.certworker.claims.SignClaim(
                                        c.signatureId(), c.partition(), c.offset()))
                                .toList())
                        .stream()
                        .allMatch(a -> a.verdict() == io.signet.certworker.claims.ClaimVerdict.ENDED));
        Map<String, Integer> keysBefore = new java.util.HashMap<>();
        KEYS.forEach((id, count) -> keysBefore.put(id, count.get()));
        Map<String, Integer> eventsBefore = results.counts();

        // ... then ops stop the workers and reset their group to the earliest offsets.
        worker.close();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().orElseThrow().bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> earliest = new java.util.HashMap<>();
            for (int p = 0; p < 4; p++) {
                earliest.put(new TopicPartition(Topics.SIGN_REQUESTED, p), new OffsetAndMetadata(0));
            }
            // Possible once the group is empty (a frozen consumer of the crash test leaves after its poll timeout).
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        admin.alterConsumerGroupOffsets(SignRequestListener.ID, earliest)
                                .all()
                                .get(30, TimeUnit.SECONDS);
                        return true;
                    });
        }
        worker = startWorker(COUNTING);
        String marker = publishBehind(null);
        results.awaitOne(marker, SignCompleted.class);
        // Every partition was consumed up to its end again (the marker only proves its own).
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lag(worker) == 0);

        KEYS.remove(marker);
        Map<String, Integer> keysAfter = new java.util.HashMap<>();
        KEYS.forEach((id, count) -> keysAfter.put(id, count.get()));
        assertThat(keysAfter).isEqualTo(keysBefore);
        Map<String, Integer> eventsAfter = results.counts();
        eventsAfter.remove(marker);
        assertThat(eventsAfter).isEqualTo(eventsBefore);
    }

    @Order(7)
    @Test
    void theStartUpSweepDestroysOrphanEphemeralKeysOfThisProcess() {
        // An earlier token instance of this process (same PKCS#11 module) left a key behind and is still open.
        Map<String, String> env = stack.environment(SoftHsm.SIGN_TOKEN);
        Pkcs11Token earlier = Pkcs11Token.open(io.signet.hsm.HsmConfig.of(
                Path.of(env.get("SIGNET_HSM_MODULE")),
                SoftHsm.SIGN_TOKEN,
                readPin(Path.of(env.get("SIGNET_HSM_PIN_FILE")))));
        try {
            KeyHandle orphan = earlier.generateEphemeral(io.signet.hsm.KeyAlgorithm.EC_P256);
            worker.close();
            worker = startWorker(COUNTING);

            assertThat(worker.getBean(EphemeralKeys.class).leftovers()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> earlier.sign(orphan, io.signet.hsm.SignatureAlgorithm.ECDSA_SHA256, new byte[32]))
                    .isInstanceOf(io.signet.hsm.HsmException.class);
        } finally {
            earlier.close();
        }
    }

    @Order(8)
    @Test
    void partitionsAddedWhileRunningAreServedWithinTheDeadline() throws Exception {
        // Ops scale out: more partitions for the requests and for cert-worker's replies, nobody restarted.
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().orElseThrow().bootstrap()))) {
            admin.createPartitions(Map.of(
                            Topics.SIGN_REQUESTED, NewPartitions.increaseTo(8),
                            Topics.CERT_ISSUED, NewPartitions.increaseTo(8)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        // The relay's producer may see the new request partitions before the workers do; these land in them at once.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(publishMarker(4 + i % 4));
        }

        for (String id : ids) {
            results.awaitOne(id, SignCompleted.class);
            assertThat(results.of(id, SignFailed.class)).as(id).isEmpty();
        }
        // cert-worker answered some of them through the new reply partitions (it sees them within a second here).
        assertThat(recordsIn(Topics.CERT_ISSUED, 4, 8)).isPositive();
    }

    /** How many records partitions {@code from} (inclusive) to {@code to} (exclusive) of {@code topic} hold. */
    private static long recordsIn(String topic, int from, int to) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafka().orElseThrow().bootstrap()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = java.util.stream.IntStream.range(from, to)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static char[] readPin(Path file) {
        try {
            return Files.readString(file).strip().toCharArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Publishes a marker request into the partition of {@code after} (so it lands behind it), or anywhere. */
    private static String publishBehind(String after) throws Exception {
        return publishMarker(
                after == null ? null : SUBMITTED.get(after).getFirst().partition());
    }

    /** Publishes a raw B-B marker request into {@code partition}, or where its key puts it when null. */
    private static String publishMarker(Integer partition) throws Exception {
        SignRequested marker = request(
                KeyAlgorithm.EC_P256,
                HashType.SHA2_256,
                SignatureFormat.RAW,
                ConformanceLevel.ADES_B_B,
                new byte[32],
                new SignerClaims(
                        "signer-marker", "Erika", "Mustermann", null, null, null, null, "DE", null, null, null),
                Instant.now().plusSeconds(60));
        var record = EVENTS.toProducerRecord(marker, null);
        if (partition != null) {
            record = new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
        }
        SUBMITTED
                .computeIfAbsent(marker.signatureId(), k -> new CopyOnWriteArrayList<>())
                .add(relyingParty.send(record).get());
        return marker.signatureId();
    }

    /** Two keys were made for {@code signatureId}, and the deletion records of both were published. */
    private static void assertTwoKeysMadeAndBothDestructionsOnRecord(String signatureId) {
        assertThat(KEYS.get(signatureId)).hasValue(2);
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(results.of(signatureId, KeyDestroyed.class))
                        .extracting(KeyDestroyed::keyId)
                        .hasSize(2)
                        .doesNotHaveDuplicates());
    }

    /** Publishes {@code request} to the given partition of signet.sign.requested. */
    private static String publishTo(int partition, SignRequested request) throws Exception {
        var record = EVENTS.toProducerRecord(request, null);
        SUBMITTED
                .computeIfAbsent(request.signatureId(), k -> new CopyOnWriteArrayList<>())
                .add(relyingParty
                        .send(new ProducerRecord<>(
                                record.topic(), partition, record.key(), record.value(), record.headers()))
                        .get());
        return request.signatureId();
    }

    /** Records of signet.sign.requested the worker's group has not committed yet. */
    private static long lag(ConfigurableApplicationContext running) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().orElseThrow().bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SignRequestListener.ID)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 4; p++) {
                latest.put(
                        new TopicPartition(Topics.SIGN_REQUESTED, p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            long lag = 0;
            for (var end :
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    /** A claim as the test records it. */
    private record Claim(String signatureId, int partition, long offset) {}

    // --- helpers

    private static String submit(
            KeyAlgorithm key,
            HashType hashType,
            SignatureFormat format,
            ConformanceLevel level,
            byte[] hash,
            String subject,
            Instant deadline)
            throws Exception {
        SignerClaims claims = new SignerClaims(
                subject, "Erika", "Mustermann", "Erika Mustermann", null, null, null, "DE", null, null, null);
        return publish(request(key, hashType, format, level, hash, claims, deadline));
    }

    private static String publish(SignRequested request) throws Exception {
        SUBMITTED
                .computeIfAbsent(request.signatureId(), k -> new CopyOnWriteArrayList<>())
                .add(relyingParty.send(EVENTS.toProducerRecord(request, null)).get());
        return request.signatureId();
    }

    /** A CAdES B-B request with an EC P-256 key for {@code subject}, deadline in 60 s, not yet published. */
    private static SignRequested cadesBbRequest(String subject) {
        return request(
                KeyAlgorithm.EC_P256,
                HashType.SHA2_256,
                SignatureFormat.CADES,
                ConformanceLevel.ADES_B_B,
                new byte[32],
                new SignerClaims(subject, "Erika", "Mustermann", null, null, null, null, "DE", null, null, null),
                Instant.now().plusSeconds(60));
    }

    private static SignRequested request(
            KeyAlgorithm key,
            HashType hashType,
            SignatureFormat format,
            ConformanceLevel level,
            byte[] hash,
            SignerClaims claims,
            Instant deadline) {
        String id = UUID.randomUUID().toString();
        return new SignRequested(
                id,
                "rp-1",
                format,
                level,
                key,
                hashType,
                Base64Bytes.of(hash),
                null,
                claims,
                Instant.now(),
                deadline,
                null,
                "nonce-1",
                null,
                null);
    }

    private static void verifyRaw(
            KeyAlgorithm key, HashType hashType, byte[] content, byte[] hash, byte[] raw, X509Certificate certificate)
            throws Exception {
        Signature verifier;
        if (key == KeyAlgorithm.RSA_3072) {
            verifier = Signature.getInstance(
                    hashType.jcaName()
                                    .replace("SHA-", "SHA")
                                    .replace("SHA3", "SHA3-")
                                    .replace("--", "-") + "withRSA",
                    new BouncyCastleProvider());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(content);
        } else {
            verifier = Signature.getInstance("NONEwithECDSAinP1363Format");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(hash);
        }
        assertThat(verifier.verify(raw)).isTrue();
    }

    private static byte[] digestOf(HashType hashType, byte[] data) throws Exception {
        String algorithm = hashType == HashType.BLAKE2B ? "SHA-512" : hashType.jcaName();
        return MessageDigest.getInstance(algorithm).digest(data);
    }

    private static String dssDigest(HashType hashType) {
        return switch (hashType) {
            case SHA2_256 -> "SHA256";
            case SHA2_384 -> "SHA384";
            case SHA2_512 -> "SHA512";
            case SHA3_256 -> "SHA3_256";
            case SHA3_384 -> "SHA3_384";
            case SHA3_512 -> "SHA3_512";
            case BLAKE2B -> throw new IllegalArgumentException("no DSS digest for BLAKE2B");
        };
    }

    private static SignatureLevel expectedCadesLevel(ConformanceLevel level) {
        return switch (level) {
            case ADES_B_B -> SignatureLevel.CAdES_BASELINE_B;
            case ADES_B_T -> SignatureLevel.CAdES_BASELINE_T;
            case ADES_B_LT -> SignatureLevel.CAdES_BASELINE_LT;
        };
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Path caFile() throws Exception {
        Path file = work.resolve("ca-chain.pem");
        String pems = pem(ca.root().getEncoded()) + pem(ca.issuing().getEncoded());
        Files.writeString(file, pems);
        return file;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static void openSslCmsVerify(byte[] cms, byte[] content) throws Exception {
        Path signature = Files.write(work.resolve(UUID.randomUUID() + ".p7s"), cms);
        Path data = Files.write(work.resolve(UUID.randomUUID() + ".bin"), content);
        run(
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                signature.toString(),
                "-content",
                data.toString(),
                "-CAfile",
                caFile().toString(),
                "-purpose",
                "any",
                "-out",
                "/dev/null");
    }

    private static void openSslTimestampVerify(byte[] token, byte[] imprint, HashType hashType) throws Exception {
        Path file = Files.write(work.resolve(UUID.randomUUID() + ".tst"), token);
        Path tsa = Files.writeString(
                work.resolve(UUID.randomUUID() + "-tsa.pem"), pem(ca.tsa().getEncoded()));
        run(
                "openssl",
                "ts",
                "-verify",
                "-digest",
                HexFormat.of().formatHex(imprint),
                "-in",
                file.toString(),
                "-token_in",
                "-CAfile",
                caFile().toString(),
                "-untrusted",
                tsa.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s: %s", String.join(" ", command), output)
                .isZero();
    }

    static KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafka().orElseThrow().bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Reads every committed result event, indexed by signatureId. */
    static final class ResultCollector implements AutoCloseable {

        private final Map<String, List<SignetEvent>> bySignature = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        ResultCollector(String bootstrap) {
            consumer = consumer("results-" + UUID.randomUUID());
            consumer.subscribe(List.of(Topics.SIGN_COMPLETED, Topics.SIGN_FAILED, Topics.KEY_DESTROYED));
            thread = Thread.ofPlatform().daemon().start(this::run);
        }

        private void run() {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        CloudEventEnvelope<?> envelope = EVENTS.fromConsumerRecord(record);
                        SignetEvent event = envelope.payload();
                        String id = switch (event) {
                            case SignCompleted c -> c.signatureId();
                            case SignFailed f -> f.signatureId();
                            case KeyDestroyed k -> k.signatureId();
                            default -> "other";
                        };
                        bySignature
                                .computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                                .add(event);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }

        /** Events per signatureId so far. */
        Map<String, Integer> counts() {
            Map<String, Integer> counts = new java.util.HashMap<>();
            bySignature.forEach((id, events) -> counts.put(id, events.size()));
            return counts;
        }

        <T extends SignetEvent> List<T> of(String signatureId, Class<T> type) {
            return bySignature.getOrDefault(signatureId, List.of()).stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }

        <T extends SignetEvent> T awaitOne(String signatureId, Class<T> type) {
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !of(signatureId, type).isEmpty());
            List<T> found = of(signatureId, type);
            assertThat(found).hasSize(1);
            return found.getFirst();
        }

        @Override
        public void close() {
            running = false;
            consumer.wakeup();
        }
    }
}
