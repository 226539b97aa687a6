package io.signet.signworker.testing;

import io.signet.certworker.CertWorkerApplication;
import io.signet.certworker.ca.CaMaterial;
import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.SoftHsm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Signet's real cert-worker (CA in the signet-ca SoftHSM token, PostgreSQL, Kafka request-reply, OCSP, CRL, TSA and
 * sign claims) in this JVM, on a free loopback port written into its certificates' AIA and CRL distribution point.
 */
public final class RealCertWorker implements AutoCloseable {

    /** The claims endpoint's shared secret in the tests (a deployment sets SIGNET_CLAIMS_TOKEN). */
    public static final String CLAIMS_TOKEN = "it-claims-token";

    private final ConfigurableApplicationContext app;
    private final int port;

    private RealCertWorker(ConfigurableApplicationContext app, int port) {
        this.app = app;
        this.port = port;
    }

    public static RealCertWorker start(EmbeddedStack stack) {
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Map<String, Object> properties = new LinkedHashMap<>();
        var db = stack.database().orElseThrow();
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.username());
        properties.put("spring.datasource.password", db.password());
        properties.put(
                "spring.kafka.bootstrap-servers", stack.kafka().orElseThrow().bootstrap());
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put(
                "signet.hsm.module", stack.softHsm().orElseThrow().modulePath().toString());
        properties.put("signet.hsm.token-label", SoftHsm.CA_TOKEN);
        properties.put(
                "signet.hsm.pin-file",
                stack.softHsm().orElseThrow().pinFile(SoftHsm.CA_TOKEN).toString());
        properties.put("signet.certworker.ca.ocsp-url", base + "/pki/ocsp");
        properties.put("signet.certworker.ca.ca-issuers-url", base + "/pki/issuing.cer");
        properties.put("signet.certworker.ca.crl-url", base + "/pki/crl");
        properties.put("signet.certworker.ca.root-crl-url", base + "/pki/root-crl");
        properties.put("signet.certworker.kafka.partitions", 4);
        properties.put("signet.certworker.claims.token", CLAIMS_TOKEN);
        // Its replies go to partitions added to signet.cert.issued within a second (Kafka's default: up to 5 min), the
        // worst case for a sign-worker that must find them (SignWorkerIT, partitions added while running).
        properties.put("spring.kafka.producer.properties.metadata.max.age.ms", 1000);
        properties.put("logging.level.org.apache.kafka", "WARN");
        SpringApplication application = CertWorkerApplication.application();
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new RealCertWorker(application.run(args), port);
    }

    /** e.g. {@code http://127.0.0.1:12345} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public X509CertificateHolder root() {
        return app.getBean(CaMaterial.class).root();
    }

    public X509CertificateHolder issuing() {
        return app.getBean(CaMaterial.class).issuing();
    }

    public X509CertificateHolder tsa() {
        return app.getBean(CaMaterial.class).tsa();
    }

    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    @Override
    public void close() {
        app.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
