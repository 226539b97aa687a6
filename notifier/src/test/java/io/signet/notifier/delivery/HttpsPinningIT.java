package io.signet.notifier.delivery;

import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.signet.notifier.support.Events;
import io.signet.notifier.support.NotifierStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * https callbacks go to the address the SSRF guard checked, while TLS still checks the certificate against the host
 * name: a name that answers a loopback address first and the metadata address afterwards (DNS rebinding) is called at
 * the loopback address once, and never at the second answer. The receivers' certificates name only DNS names (no IP
 * address), are made here with BouncyCastle and are trusted by this test's notifier only.
 */
class HttpsPinningIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String REBINDING_HOST = "callbacks.rp.test";
    private static final String IMPOSTOR_HOST = "impostor.rp.test";

    private static HttpsReceiver receiver;
    private static HttpsReceiver impostor;
    private static ConfigurableApplicationContext notifier;
    private static Jdbi jdbi;
    private static final AtomicInteger rebindingLookups = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        SelfSigned receiverCert = SelfSigned.forName(REBINDING_HOST);
        // Serves a certificate valid for another name than the one the callback URL uses.
        SelfSigned otherCert = SelfSigned.forName("someone-else.rp.test");
        receiver = new HttpsReceiver(receiverCert);
        impostor = new HttpsReceiver(otherCert);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        // The first answer for the rebinding host is loopback (allow-listed), every later one the metadata address.
        HostResolver resolver = host -> switch (host) {
            case REBINDING_HOST -> List.of(rebindingLookups.incrementAndGet() == 1 ? loopback : metadata);
            case IMPOSTOR_HOST -> List.of(loopback);
            default -> HostResolver.system().resolve(host);
        };
        notifier = NotifierStack.startNotifier(
                "notifier_https",
                "https-it",
                Map.of(
                        // One attempt only: what a retry would do is not the point here.
                        "signet.notifier.delivery.schedule", "0s",
                        "signet.notifier.callbacks.allow-http", "false"),
                Map.of("hostResolver", resolver, "callbackTls", trusting(receiverCert, otherCert)));
        jdbi = notifier.getBean(Jdbi.class);
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (impostor != null) {
            impostor.close();
        }
    }

    private static Delivery delivery(String signatureId) {
        List<Delivery> deliveries = jdbi.onDemand(DeliveryDao.class).forSignature(signatureId);
        return deliveries.isEmpty() ? null : deliveries.getFirst();
    }

    private static boolean ended(String signatureId) {
        Delivery delivery = delivery(signatureId);
        return delivery != null && delivery.status() != DeliveryStatus.PENDING;
    }

    private static String callback(String host, HttpsReceiver to, String path) {
        String id = Events.newId();
        publish(Events.requested(id, "rp-a", "https://" + host + ":" + to.port() + path, Duration.ofMinutes(1)));
        publish(Events.completed(id, "rp-a", new byte[] {1}));
        return id;
    }

    @Test
    void httpsCallbackGoesToThePinnedAddressWithTheNameVerifiedAndARebindingAnswerIsNeverConnectedTo() {
        String first = callback(REBINDING_HOST, receiver, "/pinned");
        await().atMost(WAIT).pollInterval(POLL).until(() -> ended(first));

        assertThat(delivery(first).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receiver.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/pinned");
            assertThat(request.query()).contains("signatureId=" + first);
            assertThat(request.host()).isEqualTo(REBINDING_HOST + ":" + receiver.port());
        });
        // One lookup by the guard; the HTTP client connected to its answer and never resolved the name itself.
        assertThat(rebindingLookups).hasValue(1);

        // Now the name answers the metadata address: the next callback is refused before any connection.
        String second = callback(REBINDING_HOST, receiver, "/rebound");
        await().atMost(WAIT).pollInterval(POLL).until(() -> ended(second));
        Delivery refused = delivery(second);
        assertThat(refused.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(refused.lastError()).contains("169.254.169.254");
        assertThat(jdbi.onDemand(DeliveryDao.class).attempts(List.of(refused.id())))
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.REFUSED));
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void certificateForAnotherNameIsRefusedAlthoughTheAddressIsTheCheckedOne() {
        String id = callback(IMPOSTOR_HOST, impostor, "/impostor");
        await().atMost(WAIT).pollInterval(POLL).until(() -> ended(id));

        Delivery failed = delivery(id);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(failed.lastError()).contains("SSLHandshakeException");
        // The handshake failed: no request reached the receiver.
        assertThat(impostor.requests()).isEmpty();
    }

    /** A TLS context that trusts exactly {@code certificates}. */
    private static SSLContext trusting(SelfSigned... certificates) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (SelfSigned certificate : certificates) {
            trust.setCertificateEntry(certificate.name(), certificate.certificate());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A self-signed EC P-256 server certificate whose only subject alternative name is the DNS name {@code name}. */
    private record SelfSigned(String name, KeyPair keys, X509Certificate certificate) {

        static SelfSigned forName(String name) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                            subject,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minusSeconds(60)),
                            Date.from(now.plus(Duration.ofHours(1))),
                            subject,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SelfSigned(name, keys, certificate);
        }

        SSLContext serverContext() throws Exception {
            char[] password = "test".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, keys.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        }
    }

    /** A JDK https server on loopback that answers 200 and records each request. Thread-safe. */
    private static final class HttpsReceiver implements AutoCloseable {

        record Request(String path, String query, String host) {}

        private final HttpsServer server;
        private final List<Request> requests = new CopyOnWriteArrayList<>();

        HttpsReceiver(SelfSigned certificate) throws Exception {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    requests.add(new Request(
                            exchange.getRequestURI().getPath(),
                            exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders().getFirst("Host")));
                    exchange.sendResponseHeaders(200, -1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        List<Request> requests() {
            return requests;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
