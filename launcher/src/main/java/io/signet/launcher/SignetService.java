package io.signet.launcher;

import io.signet.audit.AuditApplication;
import io.signet.certworker.CertWorkerApplication;
import io.signet.embedded.SoftHsm;
import io.signet.gateway.GatewayApplication;
import io.signet.gateway.dev.DevCredentials;
import io.signet.notifier.NotifierApplication;
import io.signet.signworker.SignWorkerApplication;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;

/** The services the launcher composes, each started through its own {@code application()} as in production. */
public enum SignetService {
    GATEWAY("api-gateway", GatewayApplication::application, 8080, null),
    SIGN_WORKER("sign-worker", SignWorkerApplication::application, 8081, SoftHsm.SIGN_TOKEN),
    CERT_WORKER("cert-worker", CertWorkerApplication::application, 8082, SoftHsm.CA_TOKEN),
    NOTIFIER("notifier", NotifierApplication::application, 8083, null),
    AUDIT("audit", AuditApplication::application, 8084, SoftHsm.CA_TOKEN);

    private final String serviceName;
    private final Supplier<SpringApplication> application;
    private final int defaultPort;
    private final String tokenLabel;

    SignetService(String serviceName, Supplier<SpringApplication> application, int defaultPort, String tokenLabel) {
        this.serviceName = serviceName;
        this.application = application;
        this.defaultPort = defaultPort;
        this.tokenLabel = tokenLabel;
    }

    /** The name used in log files, URLs and messages, e.g. {@code sign-worker}. */
    public String serviceName() {
        return serviceName;
    }

    /** A new, not yet started application, configured by the service's own configuration file. */
    public SpringApplication application() {
        return application.get();
    }

    /** The port the service uses in production (its configuration file's default). */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * What the development set-up changes in this service's configuration: the gateway, cert-worker and audit trust
     * the development ID provider; the gateway seeds the development RP (key material under {@code <dataDir>/dev}); the notifier may call back
     * over http on loopback, signs the development RP's callbacks and guards its ops endpoints with a generated token. Nothing of this is ever set outside the launcher.
     */
    public Map<String, String> developmentProperties(Path dataDir) {
        return switch (this) {
            case GATEWAY ->
                Map.of(
                        "signet.gateway.dev.enabled",
                        "true",
                        "signet.gateway.dev.dir",
                        dataDir.resolve("dev").toString(),
                        // The development RP is also the load of signet bench (targets of 800/s and more): the
                        // production default of 100 requests/s per RP would answer 429 to most of it.
                        "signet.gateway.rate-limit.per-second",
                        "20000",
                        "signet.gateway.rate-limit.burst",
                        "20000");
            case CERT_WORKER, AUDIT -> {
                // The certificate API and the audit API trust the same development ID provider as the gateway.
                DevCredentials dev = DevCredentials.prepare(dataDir.resolve("dev"));
                yield Map.of(
                        "SIGNET_IDP_JWKS_FILE", dev.jwksFile().toString(),
                        "SIGNET_IDP_ISSUER", dev.issuer(),
                        "SIGNET_IDP_AUDIENCE", dev.audience());
            }
            case NOTIFIER ->
                Map.of(
                        "signet.notifier.callbacks.allow-http",
                        "true",
                        "signet.notifier.callbacks.allow-list[0]",
                        "127.0.0.0/8",
                        "signet.notifier.callbacks.allow-list[1]",
                        "::1",
                        // Signed callbacks for the development RP, so receivers (signet bench) can verify them.
                        "signet.notifier.rps." + DevCredentials.RP_ID + ".webhook-secret",
                        DevWebhookSecret.prepare(dataDir),
                        // Dead-letter endpoints only with the generated ops token (signet redrive reads the file).
                        "SIGNET_OPS_TOKEN_FILE",
                        SecretTokens.ops(dataDir).toString());
            default -> Map.of();
        };
    }

    /** The HSM token the service works with, if any. */
    public Optional<String> tokenLabel() {
        return Optional.ofNullable(tokenLabel);
    }
}
