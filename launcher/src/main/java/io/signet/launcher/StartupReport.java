package io.signet.launcher;

import io.signet.gateway.dev.DevCredentials;
import java.io.PrintStream;
import java.util.Locale;

/** What the launcher prints once everything is up: plain lines for a person at a terminal. */
final class StartupReport {

    private StartupReport() {}

    static void print(PrintStream out, RunningSignet signet) {
        HealthProbe probe = new HealthProbe();
        out.println();
        out.println("Signet is running (data in " + signet.stack().dataDir() + ")");
        for (RunningService service : signet.services()) {
            HealthProbe.Health health = probe.read(service.url(), "/actuator/health");
            HealthProbe.Health readiness = probe.read(service.url(), "/actuator/health/readiness");
            out.printf(
                    Locale.ROOT,
                    "  %-12s %-24s health %s, readiness %s %s%n",
                    service.name(),
                    service.url(),
                    health.status(),
                    readiness.status(),
                    readiness.components());
        }
        signet.service(SignetService.GATEWAY).ifPresent(gateway -> out.println("gateway:        " + gateway.url()));
        signet.service(SignetService.CERT_WORKER)
                .ifPresent(ca -> out.println("CA certificate: " + ca.url() + "/pki/ca.pem"));
        signet.stack().database().ifPresent(db -> out.println("database:       " + db.safeUrl()));
        signet.stack().kafka().ifPresent(kafka -> out.println("kafka:          " + kafka.bootstrap()));
        out.println("logs:           " + signet.stack().dataDir().resolve("logs"));
        printDeveloperAccess(out, signet);
        out.printf(
                Locale.ROOT,
                "started in %.1f s; Ctrl-C stops everything%n",
                signet.startupTime().toMillis() / 1000.0);
    }

    /**
     * The development RP credential, the development signer token and a ready-to-paste curl example for a sign
     * request. The gateway of the embedded default trusts exactly these (dev profile); they are development secrets
     * printed on purpose, never written to a log.
     */
    static void printDeveloperAccess(PrintStream out, RunningSignet signet) {
        signet.service(SignetService.GATEWAY).ifPresent(gateway -> {
            DevCredentials dev = DevCredentials.prepare(signet.stack().dataDir().resolve("dev"));
            out.println();
            out.println("Development access (dev profile only; valid for this data directory):");
            out.println("  RP credential (Authorization: Bearer): " + dev.rpApiKey());
            out.println("  signer token (X-GovStack-AuthenticationToken, valid "
                    + DevCredentials.TOKEN_VALIDITY.toHours() + " h): " + dev.signerToken());
            out.println("  submit a one-time sign request:");
            out.println();
            out.println(dev.curlExample(gateway.url().toString()));
            out.println();
        });
    }
}
