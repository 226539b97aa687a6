package io.signet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.Pkcs11Token;
import io.signet.hsm.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each part of the embedded stack is the real thing. One stack for all tests: starting it is the slow part. */
class EmbeddedStackIT {

    @TempDir
    static Path dataDir;

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(StackTestSupport.options(dataDir));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void postgresRunsWithLogicalWalAndTheSignetRoleLogsInWithItsPassword() throws Exception {
        Map<String, String> env = stack.environment();
        try (Connection connection = DriverManager.getConnection(
                        env.get("SIGNET_DB_URL"), env.get("SIGNET_DB_USER"), env.get("SIGNET_DB_PASSWORD"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW wal_level")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void postgresRejectsAWrongPassword() {
        String url = stack.environment().get("SIGNET_DB_URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url, "signet", "wrong"))
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void aRecordProducedToTheBrokerIsConsumedBack() {
        KafkaBroker kafka = stack.kafka().orElseThrow();
        String topic = "it.roundtrip." + UUID.randomUUID();
        kafka.createTopics(List.of(topic), 1);
        String value = "hello " + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrap(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key-1", value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return !received.isEmpty();
                    });
        }
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("key-1");
            assertThat(r.value()).isEqualTo(value);
        });
    }

    @Test
    void signTokenMakesANonExtractableP256KeySignsWithItAndDestroysIt() throws Exception {
        SoftHsm hsm = stack.softHsm().orElseThrow();
        byte[] message = ("document " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);

        try (Pkcs11Token token = Pkcs11Token.open(HsmConfig.of(
                hsm.modulePath(), SoftHsm.SIGN_TOKEN, HsmConfig.pinFromFile(hsm.pinFile(SoftHsm.SIGN_TOKEN))))) {
            KeyHandle key = token.generateEphemeral(KeyAlgorithm.EC_P256);
            assertThat(token.privateValueReadable(key)).isFalse();
            assertThat(((ECPublicKey) key.publicKey())
                            .getParams()
                            .getCurve()
                            .getField()
                            .getFieldSize())
                    .isEqualTo(256);

            byte[] signature = token.sign(key, SignatureAlgorithm.ECDSA_SHA256, digest);

            // Verified by a different implementation: BouncyCastle over the original message.
            Signature verifier = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
            verifier.initVerify(key.publicKey());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();

            token.destroy(key);
            assertThat(token.listObjects())
                    .noneMatch(o -> o.handle() == key.privateKeyHandle() || o.handle() == key.publicKeyHandle());
        }
    }

    @Test
    void environmentNamesEveryPartAndPinFilesAreOwnerOnly() throws Exception {
        Map<String, String> env = stack.environment(SoftHsm.SIGN_TOKEN);
        assertThat(env)
                .containsKeys(
                        "SIGNET_DB_URL",
                        "SIGNET_DB_USER",
                        "SIGNET_DB_PASSWORD",
                        "SIGNET_KAFKA_BOOTSTRAP",
                        "SIGNET_HSM_MODULE",
                        "SIGNET_HSM_TOKEN_LABEL",
                        "SIGNET_HSM_PIN_FILE");
        Path pinFile = Path.of(env.get("SIGNET_HSM_PIN_FILE"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pinFile)))
                .isEqualTo("rw-------");
        assertThat(env.get("SIGNET_HSM_TOKEN_LABEL")).isEqualTo("signet-sign");
    }
}
