package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.signet.gateway.dev.DevCredentials;
import io.signet.launcher.logging.LauncherLogging;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, failure test 7: after a run of every format with callbacks, every part in its own process and Signet's
 * loggers at DEBUG (one line per request and step), the logs of all parts hold no canary — a PIN, a JWT, the RP's API
 * key, a signature value, a full certificate, the signer's name or birth date, {@code PRIVATE KEY} — and every line
 * about a request, in every service, carries the trace id its RP sent in {@code traceparent}.
 */
class LogScanIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<List<String>> REQUESTS = List.of(
            List.of("CAdES", "AdES-B-B"),
            List.of("CAdES", "AdES-B-T"),
            List.of("CAdES", "AdES-B-LT"),
            List.of("PAdES", "AdES-B-T"),
            List.of("raw", "AdES-B-T"));
    /** Services that must each have logged about every request. */
    private static final Set<String> EVERY_REQUEST_IN = Set.of("api-gateway", "sign-worker", "cert-worker", "notifier");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void logsHoldNoSecretOrPersonalDataAndEachRequestsLinesCarryItsTraceId() throws Exception {
        Map<String, String> traceIdOf = new LinkedHashMap<>(); // signatureId -> trace id sent
        Map<String, String> formatOf = new HashMap<>();
        Map<String, String> canaries = new TreeMap<>(); // what -> value
        Set<String> callbacks = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/callback", exchange -> {
            callbacks.add(exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        System.setProperty(LauncherLogging.LEVEL_PROPERTY, "DEBUG");
        try (ProcessStack stack = ProcessStack.start(dataDir)) {
            TestRp rp = new TestRp(stack.url(SignetService.GATEWAY), dataDir);
            DevCredentials dev = rp.dev();
            URI callbackUrl =
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/callback");
            for (List<String> request : REQUESTS) {
                String traceId = HexFormat.of().formatHex(randomBytes(16));
                String signatureId = rp.accepted(
                        randomBytes(32),
                        Map.of(
                                "format", request.get(0),
                                "conformanceLevel", request.get(1),
                                "callbackUrl", callbackUrl.toString(),
                                "nonce", "n-1",
                                "state", "s-1"),
                        Map.of(
                                "traceparent",
                                "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));
                traceIdOf.put(signatureId, traceId);
                formatOf.put(signatureId, request.get(0));
            }
            for (String signatureId : traceIdOf.keySet()) {
                JsonNode result = rp.awaitResult(signatureId, Duration.ofSeconds(60));
                assertThat(result.path("status").path("code").asString())
                        .as(signatureId)
                        .isEqualTo("OK");
                addSignatureCanaries(canaries, signatureId, formatOf.get(signatureId), result);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> callbacks.size() >= traceIdOf.size());
            canaries.put("signer token", dev.signerToken());
            canaries.put(
                    "signer token signature",
                    dev.signerToken().substring(dev.signerToken().lastIndexOf('.') + 1));
            canaries.put("RP API key", dev.rpApiKey());
        } finally {
            System.clearProperty(LauncherLogging.LEVEL_PROPERTY);
            receiver.stop(0);
        }
        try (Stream<Path> secrets = Files.list(dataDir.resolve("secrets"))) {
            for (Path secret : secrets.toList()) {
                canaries.put(
                        "secret " + secret.getFileName(),
                        Files.readString(secret).strip());
            }
        }
        canaries.put("signer's family name", "Mustermann");
        canaries.put("signer's given name", "Erika");
        canaries.put("signer's birth date", "1964-08-12");
        canaries.put("a private key", "PRIVATE KEY");

        List<Path> logs = logFiles();
        assertThat(logs).extracting(LogScanIT::serviceOf).containsAll(EVERY_REQUEST_IN);
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            canaries.forEach((what, value) ->
                    assertThat(text).as(what + " in " + log.getFileName()).doesNotContain(value));
        }
        assertEachRequestsLinesCarryItsTraceId(logs, traceIdOf);
    }

    private void assertEachRequestsLinesCarryItsTraceId(List<Path> logs, Map<String, String> traceIdOf)
            throws Exception {
        Map<String, Set<String>> servicesOf = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!line.startsWith("{")) {
                    continue; // PostgreSQL's own log is plain text (scanned for canaries above)
                }
                JsonNode entry = JSON.readTree(line);
                String message = entry.path("message").asString("");
                for (Map.Entry<String, String> request : traceIdOf.entrySet()) {
                    if (message.contains(request.getKey())) {
                        servicesOf
                                .computeIfAbsent(request.getKey(), id -> new TreeSet<>())
                                .add(serviceOf(log));
                        String traceId = entry.path("traceId").asString(null);
                        if (!request.getValue().equals(traceId)) {
                            wrong.add(serviceOf(log) + ": trace " + traceId + " instead of " + request.getValue() + ": "
                                    + message);
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("lines about a request without its trace id").isEmpty();
        traceIdOf
                .keySet()
                .forEach(signatureId -> assertThat(servicesOf.get(signatureId))
                        .as("services that logged about " + signatureId)
                        .containsAll(EVERY_REQUEST_IN));
    }

    private static void addSignatureCanaries(
            Map<String, String> canaries, String signatureId, String format, JsonNode result) throws Exception {
        String signature = result.path("signature").asString();
        canaries.put("signature of " + signatureId, signature);
        if (!format.equals("raw")) { // a raw signature is the value itself
            byte[] value = new CMSSignedData(Base64.getDecoder().decode(signature))
                    .getSignerInfos()
                    .getSigners()
                    .iterator()
                    .next()
                    .getSignature();
            canaries.put(
                    "signature value (base64) of " + signatureId,
                    Base64.getEncoder().encodeToString(value));
            canaries.put(
                    "signature value (hex) of " + signatureId, HexFormat.of().formatHex(value));
        }
        String certificate = result.path("certificate").asString();
        String body =
                certificate.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
        canaries.put("certificate of " + signatureId, body);
        canaries.put("certificate's first PEM line of " + signatureId, body.substring(0, 64));
    }

    private List<Path> logFiles() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("logs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        }
    }

    private static String serviceOf(Path log) {
        String name = log.getFileName().toString();
        return name.substring(0, name.length() - ".log".length());
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
