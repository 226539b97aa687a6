package io.signet.launcher;

import io.signet.embedded.SoftHsm;
import io.signet.gateway.dev.DevCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
        signet.kafkaBootstrap().ifPresent(kafka -> out.println("kafka:          " + kafka));
        out.println("logs:           " + signet.stack().dataDir().resolve("logs"));
        signet.processes().ifPresent(processes -> out.println("pids:           " + processes.pidSummary()));
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
            writeClientProperties(signet, gateway, dev);
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

    /**
     * {@code <data dir>/client.properties} (mode 0600) for the {@code signet} command line: gateway, dev RP key, dev
     * signer token, the CA certificates' URL, the notifier and its ops token file, the dev RP's webhook secret and where the signing token is (module,
     * label, PIN file, SoftHSM2 configuration), so that {@code scripts/signet} works without settings.
     */
    static void writeClientProperties(RunningSignet signet, RunningService gateway, DevCredentials dev) {
        StringBuilder text = new StringBuilder("# Written by the launcher for the signet command line (dev only).\n");
        text.append("url=").append(gateway.url()).append('\n');
        text.append("api-key=").append(dev.rpApiKey()).append('\n');
        text.append("signer-token=").append(dev.signerToken()).append('\n');
        signet.service(SignetService.CERT_WORKER)
                .ifPresent(ca -> text.append("ca=").append(ca.url()).append("/pki/ca.pem\n"));
        // signet redrive: the notifier's ops endpoints and the token they require.
        signet.service(SignetService.NOTIFIER)
                .ifPresent(notifier -> text.append("notifier-url=")
                        .append(notifier.url())
                        .append("\nops-token-file=")
                        .append(SecretTokens.ops(signet.stack().dataDir()))
                        .append('\n'));
        // signet bench: the secret its callback receiver verifies with, and the signing token it measures raw.
        text.append("webhook-secret=")
                .append(DevWebhookSecret.prepare(signet.stack().dataDir()))
                .append('\n');
        signet.stack()
                .softHsm()
                .ifPresent(hsm -> text.append("hsm-module=")
                        .append(hsm.modulePath())
                        .append("\nhsm-token=")
                        .append(SoftHsm.SIGN_TOKEN)
                        .append("\nhsm-pin-file=")
                        .append(hsm.pinFile(SoftHsm.SIGN_TOKEN))
                        .append("\nsofthsm-conf=")
                        .append(hsm.confFile())
                        .append('\n'));
        Path file = signet.stack().dataDir().resolve("client.properties");
        try {
            Path tmp = Files.createTempFile(
                    file.getParent(),
                    ".client-",
                    ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
