package io.signet.gateway.support;

import io.signet.embedded.EmbeddedStack;
import io.signet.embedded.StackOptions;
import io.signet.gateway.GatewayApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded PostgreSQL and Kafka shared by every integration test of this module (one per test JVM, wiped at
 * first use, closed by the stack's shutdown hook), and gateways started on it.
 */
public final class TestStack {

    public static final Path DEV_DIR = Path.of("target/it-dev");

    private static EmbeddedStack stack;

    private TestStack() {}

    public static synchronized EmbeddedStack stack() {
        if (stack == null) {
            stack = EmbeddedStack.start(
                    StackOptions.in(Path.of("target/it-stack")).withWipe(true).withSoftHsm(false));
        }
        return stack;
    }

    /** Starts a gateway on a free port in dev mode with generous rate limits; {@code extra} overrides. */
    public static ConfigurableApplicationContext startGateway(Map<String, String> extra) {
        Map<String, String> env = stack().environment();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + env.get("SIGNET_DB_URL"),
                "--spring.datasource.username=" + env.get("SIGNET_DB_USER"),
                "--spring.datasource.password=" + env.get("SIGNET_DB_PASSWORD"),
                "--spring.kafka.bootstrap-servers=" + env.get("SIGNET_KAFKA_BOOTSTRAP"),
                "--signet.gateway.dev.enabled=true",
                "--signet.gateway.dev.dir=" + DEV_DIR,
                "--signet.gateway.rate-limit.per-second=100000",
                "--signet.gateway.rate-limit.burst=100000",
                "--logging.level.io.debezium=WARN",
                "--logging.level.org.apache.kafka=WARN"));
        extra.forEach((key, value) -> args.add("--" + key + "=" + value));
        return GatewayApplication.application().run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
