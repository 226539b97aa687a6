package io.signet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so this checks what can be checked without one: it
 * parses, it runs every service of the reactor with a health check, and every variable it sets for a service is one
 * that service reads.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Variables read by something other than the service's own configuration file. */
    private static final List<String> READ_ELSEWHERE = List.of("SOFTHSM2_CONF"); // read by the SoftHSM2 library

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> compose = yaml.load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "sign-worker", "cert-worker", "notifier", "audit"})
    void everyServiceOfTheReactorRunsInItsOwnContainerWithAHealthCheck(String module) {
        assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
        Map<String, Object> service = service(module);
        assertThat(service.get("command")).isEqualTo(List.of(module));
        assertThat(service.get("healthcheck")).asString().contains("/actuator/health/readiness");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "sign-worker", "cert-worker", "notifier", "audit"})
    void everyVariableSetForAServiceIsOneItReads(String module) throws IOException {
        String config = Files.readString(
                ROOT.resolve(module).resolve("src/main/resources").resolve(module + ".yml"));
        Map<String, Object> environment = environment(module);
        assertThat(environment).isNotEmpty();
        assertThat(environment.keySet())
                .allSatisfy(variable -> assertThat(READ_ELSEWHERE.contains(variable)
                                || config.contains("${" + variable + ":")
                                || config.contains("${" + variable + "}"))
                        .as("%s sets %s, which %s.yml does not read", module, variable, module)
                        .isTrue());
    }

    @Test
    void postgresHasLogicalDecodingAndRoomForWalAndKafkaRunsInKraftMode() {
        assertThat(service("postgres").get("command"))
                .asString()
                .contains("wal_level=logical")
                .contains("max_wal_size=8GB");
        assertThat(environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(environment("kafka")).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    }

    @Test
    void hsmServicesWaitForTheTokenInitialisationStep() {
        assertThat(service("softhsm-init").get("command")).isEqualTo(List.of("hsm-init"));
        for (String module : List.of("sign-worker", "cert-worker", "audit")) {
            assertThat(service(module).get("depends_on")).asString().contains("softhsm-init");
            assertThat(environment(module)).containsKeys("SIGNET_HSM_TOKEN_LABEL", "SIGNET_HSM_PIN_FILE");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        Object environment = service(name).get("environment");
        return environment == null ? Map.of() : (Map<String, Object>) environment;
    }
}
