package io.signet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.hsm.HsmConfig;
import io.signet.hsm.KeyAlgorithm;
import io.signet.hsm.Pkcs11Token;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second start with the same data directory keeps what the first stored; a start with wipe does not. */
class RestartIT {

    private static final String TOPIC = "it.restart";

    @TempDir
    Path dataDir;

    @Test
    void restartKeepsRowRecordAndTokenObjectAndWipeRemovesThem() throws Exception {
        String value = "kept-" + UUID.randomUUID();
        String keyLabel = "it-restart-" + UUID.randomUUID().toString().substring(0, 8);

        try (EmbeddedStack first = EmbeddedStack.start(StackTestSupport.options(dataDir))) {
            try (Connection db = connect(first);
                    Statement sql = db.createStatement()) {
                sql.execute("create table restart_probe (value text not null)");
                try (PreparedStatement insert = db.prepareStatement("insert into restart_probe values (?)")) {
                    insert.setString(1, value);
                    insert.executeUpdate();
                }
            }
            KafkaBroker kafka = first.kafka().orElseThrow();
            kafka.createTopics(List.of(TOPIC), 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "k", value)).get();
            }
            try (Pkcs11Token token = openSignToken(first)) {
                token.generateLongTerm(keyLabel, KeyAlgorithm.EC_P256);
            }
        }

        try (EmbeddedStack second = EmbeddedStack.start(StackTestSupport.options(dataDir))) {
            assertThat(probeRows(second)).contains(value);
            assertThat(readTopicFromBeginning(second)).contains(value);
            try (Pkcs11Token token = openSignToken(second)) {
                assertThat(token.findLongTerm(keyLabel)).isPresent();
            }
        }

        try (EmbeddedStack wiped =
                EmbeddedStack.start(StackTestSupport.options(dataDir).withWipe(true))) {
            assertThat(probeRows(wiped)).isEmpty();
            try (var admin = wiped.kafka().orElseThrow().admin()) {
                assertThat(admin.listTopics().names().get()).doesNotContain(TOPIC);
            }
            try (Pkcs11Token token = openSignToken(wiped)) {
                assertThat(token.findLongTerm(keyLabel)).isEmpty();
            }
        }
    }

    private static Connection connect(EmbeddedStack stack) throws Exception {
        ExternalDatabase db = stack.database().orElseThrow();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    /** The probe table's values; empty if the table does not exist. */
    private static List<String> probeRows(EmbeddedStack stack) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = connect(stack);
                Statement sql = db.createStatement();
                ResultSet exists = sql.executeQuery("select to_regclass('public.restart_probe') is not null")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return values;
            }
        }
        try (Connection db = connect(stack);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select value from restart_probe")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static List<String> readTopicFromBeginning(EmbeddedStack stack) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafka().orElseThrow().bootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-restart-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                        return !values.isEmpty();
                    });
        }
        return values;
    }

    private static Pkcs11Token openSignToken(EmbeddedStack stack) {
        SoftHsm hsm = stack.softHsm().orElseThrow();
        return Pkcs11Token.open(HsmConfig.of(
                hsm.modulePath(), SoftHsm.SIGN_TOKEN, HsmConfig.pinFromFile(hsm.pinFile(SoftHsm.SIGN_TOKEN))));
    }
}
