package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, failure test 5: the relying party's callback receiver answers 500 for 10 minutes, then 200, during a stream
 * of sign requests with a callback URL.
 *
 * <p>Time is compressed by a factor of 60: the outage lasts 10 s instead of 10 min, and the notifier's retry schedule
 * is its production default ({@code 0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h}) divided by 60, i.e. {@code 0s, 83ms, 5s, 30s,
 * 2m, 5m, 10m, 10m}. A callback that first fails when the outage begins is thus retried after 83 ms and 5 s (both
 * still in the outage) and delivered by the attempt 30 s later, as in production after 5 min and 30 min. Jitter stays
 * at its default (±20 %), which the compression does not change.
 */
@Tag("long") // minutes of outage by design: not in .ci/run; scripts/test -Plong-tests runs it
class CallbackOutageIT {

    private static final long COMPRESSION = 60;
    private static final Duration OUTAGE = Duration.ofMinutes(10).dividedBy(COMPRESSION);
    private static final String SCHEDULE = "0s,83ms,5s,30s,2m,5m,10m,10m";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void callbacksFailingFor10MinutesAreDeliveredOnceEachWithTheirWebhookIdAndNoneIsDeadLettered() throws Exception {
        LaunchOptions options = LauncherTestSupport.options(dataDir)
                .withServiceProperty(SignetService.NOTIFIER, "signet.notifier.delivery.schedule", SCHEDULE);
        try (Receiver receiver = Receiver.start();
                ProcessStack stack = ProcessStack.start(options)) {
            SignStream stream = SignStream.withCallback(stack, receiver.url());
            try {
                stream.awaitAccepted(3);
                // Callbacks work before the outage.
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !receiver.acknowledged().isEmpty());
                receiver.failFor(OUTAGE);
                await().atMost(OUTAGE.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(200))
                        .until(receiver::outageOver);
                stream.awaitAccepted(3);
            } finally {
                stream.close();
            }
            stream.assertEveryAcceptedRequestEndedExactlyOnce(Duration.ofSeconds(60));
            Set<String> ids = stream.acceptedIds();
            // The longest wait: a first attempt at the outage's start is delivered by the fourth, 35 s (+20 %) later.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(receiver.acknowledged()).containsAll(ids));

            Map<String, List<Receiver.Call>> calls = receiver.callsBySignature();
            assertThat(calls.keySet()).as("callbacks for requests nobody sent").isSubsetOf(ids);
            for (String id : ids) {
                List<Receiver.Call> attempts = calls.get(id);
                assertThat(attempts.stream().filter(c -> c.status() == 200))
                        .as(id + ": acknowledged deliveries")
                        .hasSize(1);
                assertThat(attempts.getLast().status())
                        .as(id + ": nothing sent after the acknowledgement")
                        .isEqualTo(200);
                assertThat(attempts.stream().map(Receiver.Call::webhookId).collect(Collectors.toSet()))
                        .as(id + ": webhook-id of every attempt")
                        .hasSize(1)
                        .doesNotContainNull();
            }
            // The outage was real and spanned several steps of the schedule.
            assertThat(calls.values().stream()
                            .mapToLong(a ->
                                    a.stream().filter(c -> c.status() == 500).count()))
                    .as("failed attempts per callback")
                    .anyMatch(failed -> failed >= 3);
            // The notifier's own record: each callback delivered, none dead-lettered (DEAD), disabled or still pending.
            assertThat(deliveriesByStatus(stack, ids))
                    .as("callback deliveries by status")
                    .isEqualTo(Map.of("DELIVERED", (long) ids.size()));
        }
    }

    private static Map<String, Long> deliveriesByStatus(ProcessStack stack, Set<String> ids) throws Exception {
        try (Connection db = stack.postgres().superuserConnection();
                PreparedStatement query = db.prepareStatement("select status, count(*) from notify.callback_delivery"
                        + " where signature_id = any(?) group by status")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        }
    }

    /**
     * The relying party's GovStack callback endpoint on loopback: answers 500 while an outage lasts and 200 otherwise,
     * and records every call. Thread-safe.
     */
    private static final class Receiver implements AutoCloseable {

        /** One callback request: the signatureId it named, its {@code webhook-id} and the status it was answered. */
        record Call(String signatureId, String webhookId, int status) {}

        private final HttpServer server;
        private final List<Call> calls = new ArrayList<>();
        private volatile Instant outageEnds = Instant.MIN;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/callback", receiver::handle);
            server.start();
            return receiver;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
        }

        void failFor(Duration outage) {
            outageEnds = Instant.now().plus(outage);
        }

        boolean outageOver() {
            return Instant.now().isAfter(outageEnds);
        }

        /** signatureIds whose callback was answered 200. */
        synchronized Set<String> acknowledged() {
            return calls.stream()
                    .filter(c -> c.status() == 200)
                    .map(Call::signatureId)
                    .collect(Collectors.toSet());
        }

        /** Every call so far per signatureId, in arrival order. */
        synchronized Map<String, List<Call>> callsBySignature() {
            return calls.stream().collect(Collectors.groupingBy(Call::signatureId));
        }

        private void handle(HttpExchange exchange) throws IOException {
            int status = outageOver() ? 200 : 500;
            synchronized (this) {
                calls.add(new Call(
                        query(exchange.getRequestURI()).getOrDefault("signatureId", "(none)"),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        private static Map<String, String> query(URI uri) {
            Map<String, String> parameters = new HashMap<>();
            String raw = uri.getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        parameters.put(
                                URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return parameters;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
