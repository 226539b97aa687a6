package io.signet.signworker.testing;

import com.sun.net.httpserver.HttpServer;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.EventTypes;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A stand-in for cert-worker in tests: answers {@code signet.cert.requested} from a {@link TestPki} (60 s
 * certificates, OCSP response on request, claims with a subject of "refuse-me" refused as INVALID_CLAIMS), and serves
 * the TSA and the two CRLs over HTTP on a free loopback port.
 */
public final class FakeCertWorker implements AutoCloseable {

    public final TestPki pki = new TestPki();
    public final AtomicInteger issued = new AtomicInteger();
    private final KafkaCloudEvents events = new KafkaCloudEvents("fake-cert-worker");
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpServer http;
    private final Thread poller;
    private volatile boolean running = true;

    public FakeCertWorker(String bootstrap) throws IOException {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "fake-cert-worker",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "linger.ms", 1),
                new StringSerializer(),
                new ByteArraySerializer());
        consumer.subscribe(List.of(Topics.CERT_REQUESTED));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/pki/tsa", exchange -> {
            byte[] response = pki.respond(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            reply(exchange, response);
        });
        http.createContext("/pki/crl", exchange -> reply(exchange, pki.caCrl().getEncoded()));
        http.createContext(
                "/pki/root-crl", exchange -> reply(exchange, pki.rootCrl().getEncoded()));
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        poller = Thread.ofPlatform().name("fake-cert-worker").daemon().start(this::run);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Base URL of the HTTP endpoints, e.g. {@code http://127.0.0.1:12345}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Blocks until the consumer has its partitions, so no request sent afterwards is missed. */
    public void awaitAssignment() {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !assignment.isEmpty());
    }

    private volatile java.util.Set<?> assignment = java.util.Set.of();

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    CertRequested request = events.fromConsumerRecord(record, EventTypes.CERT_REQUESTED_V1)
                            .payload();
                    producer.send(events.toProducerRecord(answer(request), null));
                }
                assignment = consumer.assignment();
                consumer.commitAsync();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private CertIssued answer(CertRequested request) {
        SignerClaims claims = request.signer();
        if ("refuse-me".equals(claims.subject())) {
            return CertIssued.refused(
                    request.requestId(),
                    request.signatureId(),
                    new CertIssued.CertRefusal(CertIssued.CertRefusal.Code.INVALID_CLAIMS, "claims refused"));
        }
        try {
            PKCS10CertificationRequest csr =
                    new PKCS10CertificationRequest(request.csr().bytes());
            PublicKey key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, claims.name() != null ? claims.name() : claims.subject())
                    .addRDN(BCStyle.PSEUDONYM, claims.subject())
                    .build();
            X509CertificateHolder certificate = pki.signer(subject, key, Duration.ofSeconds(request.validitySeconds()));
            issued.incrementAndGet();
            return CertIssued.issued(
                    request.requestId(),
                    request.signatureId(),
                    Base64Bytes.of(certificate.getEncoded()),
                    List.of(Base64Bytes.of(pki.ca.getEncoded()), Base64Bytes.of(pki.root.getEncoded())),
                    certificate.getSerialNumber().toString(16),
                    certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(),
                    request.includeOcsp()
                            ? Base64Bytes.of(pki.ocspGood(certificate).getEncoded())
                            : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(1));
        http.stop(0);
    }
}
