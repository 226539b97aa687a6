package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.signet.embedded.Ports;
import io.signet.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole launcher in this JVM: every service up on the real embedded stack, then a clean stop. */
class LauncherIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<SignetService> USE_DATABASE =
            Set.of(SignetService.GATEWAY, SignetService.CERT_WORKER, SignetService.NOTIFIER, SignetService.AUDIT);
    private static final Set<SignetService> USE_HSM = Set.of(SignetService.SIGN_WORKER, SignetService.CERT_WORKER);

    // Built after the launcher started: it sets a JDK HTTP client property that must precede the client's first use.
    private HttpClient http;

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    @Test
    void everyServiceIsUpAndReadyOnItsPartsServesMetricsLogsToItsOwnFileAndStopsCleanly() throws Exception {
        // An earlier embedded Tomcat in this JVM left catalina.home naming a directory that cannot be made any more (as
        // an earlier test's deleted stack does): every service must start all the same.
        Path gone = Files.writeString(elsewhere.resolve("deleted-stack"), "");
        System.setProperty(
                "catalina.home", gone.resolve("tomcat").resolve("api-gateway").toString());
        List<RunningService> services;
        try (RunningSignet signet = SignetLauncher.start(LauncherTestSupport.options(dataDir))) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            services = signet.services();
            assertThat(services).extracting(RunningService::service).containsExactlyInAnyOrder(SignetService.values());

            for (RunningService service : services) {
                JsonNode health = getJson(service.url(), "/actuator/health");
                assertThat(health.path("status").asString()).as(service.name()).isEqualTo("UP");

                JsonNode readiness = getJson(service.url(), "/actuator/health/readiness");
                assertThat(readiness.path("status").asString())
                        .as(service.name())
                        .isEqualTo("UP");
                Set<String> parts = Set.copyOf(readiness.path("components").propertyNames());
                assertThat(parts).as(service.name() + " readiness").contains("kafka");
                if (USE_DATABASE.contains(service.service())) {
                    assertThat(parts).as(service.name() + " readiness").contains("db");
                }
                if (USE_HSM.contains(service.service())) {
                    assertThat(parts).as(service.name() + " readiness").contains("hsm");
                }
                if (service.service() == SignetService.SIGN_WORKER) {
                    assertThat(parts).as(service.name() + " readiness").contains("certificateReplies");
                }

                // Each service counts the log events of its own file, not those of every service in the JVM.
                Path logFile = dataDir.resolve("logs").resolve(service.service().serviceName() + ".log");
                long infoLinesBefore = infoLines(logFile);
                HttpResponse<String> metrics = get(service.url(), "/actuator/prometheus");
                long infoLinesAfter = infoLines(logFile);
                assertThat(metrics.statusCode()).as(service.name()).isEqualTo(200);
                assertThat(metrics.body()).as(service.name()).contains("jvm_memory_used_bytes");
                assertThat(infoEvents(metrics.body()))
                        .as(service.name() + " logback_events_total{level=\"info\"}")
                        .isBetween(infoLinesBefore, infoLinesAfter + 2);
            }

            // Ops tell the services' database sessions apart by their application name.
            assertThat(applicationNames(signet))
                    .containsAll(USE_DATABASE.stream()
                            .map(service -> "signet-" + service.serviceName())
                            .toList());

            // Whichever service created a topic first gave it the partitions every other one declares: none was
            // widened after consumers had subscribed, which would leave them blind to the new partitions for minutes.
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    signet.kafkaBootstrap().orElseThrow()))) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
                topics.forEach((name, topic) ->
                        assertThat(topic.partitions()).as(name).hasSize(SignetLauncher.TOPIC_PARTITIONS));
            }
        }

        // Every topic was declared by a service that uses it, none left to the launcher: docker-compose has no
        // launcher.
        assertThat(Files.readString(dataDir.resolve("logs").resolve("launcher.log")))
                .doesNotContain("created topics no service declared");

        for (RunningService service : services) {
            // The service's own lines went to its own file, as ECS JSON naming it.
            Path log = dataDir.resolve("logs").resolve(service.name() + ".log");
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as(log.toString()).isNotEmpty();
            assertThat(JSON.readTree(lines.getFirst())
                            .path("service")
                            .path("name")
                            .asString())
                    .as(log.toString())
                    .isEqualTo(service.name());
            // Stopped means the port is free again.
            assertThatCode(() -> Ports.requireFree(service.port())).doesNotThrowAnyException();
        }
    }

    private static Set<String> applicationNames(RunningSignet signet) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = signet.stack().postgres().orElseThrow().superuserConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "select application_name from pg_stat_activity where datname = current_database()")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static long infoLines(Path logFile) throws IOException {
        try (var lines = Files.lines(logFile)) {
            return lines.filter(line -> line.contains("\"level\":\"INFO\"")).count();
        }
    }

    private static long infoEvents(String prometheus) {
        return prometheus
                .lines()
                .filter(line -> line.startsWith("logback_events_total{level=\"info\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no logback_events_total{level=\"info\"}"));
    }

    private JsonNode getJson(URI base, String path) throws Exception {
        HttpResponse<String> response = get(base, path);
        assertThat(response.statusCode()).as(base + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
