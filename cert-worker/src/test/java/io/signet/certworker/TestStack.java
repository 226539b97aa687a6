package io.signet.certworker;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.SoftHsm;
import io.signet.embedded.StackOptions;
import io.signet.hsm.KeyStoreToken;
import io.signet.hsm.softhsm.SoftHsmConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded stack (real PostgreSQL, Kafka broker and SoftHSM2 token signet-ca) and one running cert-worker, shared
 * by all ITs of this JVM because starting them is the slow part. Closed by a shutdown hook.
 */
public final class TestStack {

    private static TestStack instance;

    public final EmbeddedStack stack;
    public final KeyStoreToken token;
    public final ConfigurableApplicationContext app;
    public final int port;
    public final Path files;

    private TestStack(Map<String, Object> extra) {
        Path target = Path.of("target").toAbsolutePath();
        files = target.resolve("it-files");
        files.toFile().mkdirs();
        Path conf = SoftHsmConfig.confFileFromEnvironment()
                .orElseThrow(() -> new IllegalStateException("SOFTHSM2_CONF is not set; run the ITs through Maven"));
        stack = EmbeddedStack.start(StackOptions.in(target.resolve("it-stack"))
                .withWipe(true)
                .withSoftHsmConf(conf)
                .withShutdownHook(false));
        port = freePort();
        app = start(extra);
        token = app.getBean(KeyStoreToken.class);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** The shared instance; {@code extra} properties only count for the call that starts it. */
    public static synchronized TestStack get(Map<String, Object> extra) {
        if (instance == null) {
            instance = new TestStack(extra);
        }
        return instance;
    }

    public static TestStack get() {
        return get(Map.of());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    private ConfigurableApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
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
        properties.put("signet.certworker.ca.ocsp-url", baseUrl() + "/pki/ocsp");
        properties.put("signet.certworker.ca.ca-issuers-url", baseUrl() + "/pki/issuing.cer");
        properties.put("signet.certworker.ca.crl-url", baseUrl() + "/pki/crl");
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("signet.idp.jwks-file", TestIdp.jwksFile(files).toString());
        properties.put("signet.idp.issuer", TestIdp.ISSUER);
        properties.put("signet.idp.audience", TestIdp.AUDIENCE);
        properties.putAll(extra);
        SpringApplication application = CertWorkerApplication.application();
        Map<String, Object> defaults = new HashMap<>(properties);
        defaults.put("spring.config.name", CertWorkerApplication.CONFIG_NAME);
        application.setDefaultProperties(defaults);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return application.run(args);
    }

    private void close() {
        try {
            app.close();
        } finally {
            stack.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
