package io.signet.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, combined broker and controller) started in this JVM from Apache Kafka's own server
 * classes. The log directory is formatted on first start (the cluster id is kept in its {@code meta.properties}) and
 * reused afterwards, so topics and records survive a restart. Replication factors and in-sync minimums are 1, so
 * idempotent and transactional producers work on one node. Automatic topic creation is off, as in production: create
 * topics with {@link #createTopics}.
 *
 * <p>Not thread-safe for start/close; {@link #bootstrap()} may be read from any thread.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrap;

    private KafkaBroker(KafkaRaftServer server, String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /**
     * Starts the broker with its log in {@code dataDir}, the client listener on {@code port} of 127.0.0.1 (0: a free
     * one) and the controller listener on a free port, and waits until it answers a client.
     *
     * @throws EmbeddedStackException with one line when the port is taken or the broker does not start
     */
    public static KafkaBroker start(Path dataDir, int port) {
        int brokerPort = Ports.freeOrGiven(port);
        // The controller port may change between starts: with a static quorum (controller.quorum.voters) the voter
        // endpoints come from the configuration, not from the formatted log.
        int controllerPort = Ports.free();
        Path logDir = dataDir.resolve("log").toAbsolutePath();
        KafkaConfig config = KafkaConfig.fromProps(properties(logDir, brokerPort, controllerPort), false);
        String bootstrap = Ports.LOOPBACK + ":" + brokerPort;
        KafkaRaftServer server;
        try {
            formatIfNew(logDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            throw new EmbeddedStackException("Kafka did not start on " + bootstrap + ": " + e.getMessage(), e);
        }
        KafkaBroker broker = new KafkaBroker(server, bootstrap);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka on {} with data in {}", bootstrap, logDir);
        return broker;
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrap() {
        return bootstrap;
    }

    /**
     * Creates those of {@code names} that do not exist yet, with {@code partitions} partitions and one replica.
     *
     * @return the names it created
     */
    public List<String> createTopics(Collection<String> names, int partitions) {
        return createTopics(bootstrap, names, partitions);
    }

    /**
     * {@link #createTopics(Collection, int)} on the broker at {@code bootstrap}, e.g. one running in a process of its
     * own.
     */
    public static List<String> createTopics(String bootstrap, Collection<String> names, int partitions) {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = names.stream()
                    .distinct()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, partitions, (short) 1))
                    .toList();
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result :
                    admin.createTopics(missing).values().entrySet()) {
                if (createdHere(result.getValue())) {
                    created.add(result.getKey());
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedStackException("creating Kafka topics " + names + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("interrupted while creating Kafka topics", e);
        }
    }

    /**
     * Whether the topic was created by this call. Another client (a service starting beside the launcher) may create
     * the same topic between the listing and the creation, and the admin client's own retry after a timed-out first
     * attempt meets the topic that attempt made; either way the topic exists, which is all the caller needs.
     */
    private static boolean createdHere(KafkaFuture<Void> creation)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            creation.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return admin(bootstrap);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ADMIN_TIMEOUT.toMillis()));
    }

    private void awaitReady() {
        awaitReady(bootstrap);
    }

    /**
     * Waits until the broker at {@code bootstrap} answers a client (at most the admin timeout, 30 s).
     *
     * @throws EmbeddedStackException when it does not
     */
    public static void awaitReady(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedStackException(
                    "Kafka on " + bootstrap + " started but does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("interrupted while waiting for Kafka", e);
        }
    }

    private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + Ports.LOOPBACK + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + Ports.LOOPBACK
                        + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // One node: internal topics with one replica, few partitions (each costs start-up time and file handles).
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private static void formatIfNew(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setHasDynamicQuorum(false)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    /** Shuts the broker down and waits for it. Idempotent. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
