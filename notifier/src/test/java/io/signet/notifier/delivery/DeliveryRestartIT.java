package io.signet.notifier.delivery;

import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.notifier.support.Events;
import io.signet.notifier.support.NotifierStack;
import io.signet.notifier.support.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The retry schedule lives in PostgreSQL: a notifier stopped mid-schedule is resumed by the next one. */
class DeliveryRestartIT {

    private static final Map<String, String> SLOW_SCHEDULE = Map.of("signet.notifier.delivery.schedule", "0s,3s,3s");

    @Test
    void notifierRestartedMidScheduleResumesIt() {
        try (Receiver receiver = new Receiver()) {
            receiver.respond("/restart", n -> n == 1 ? 500 : 200);
            String id = Events.newId();
            ConfigurableApplicationContext first =
                    NotifierStack.startNotifier("notifier_restart", "restart-it", SLOW_SCHEDULE);
            Delivery pending;
            try {
                publish(Events.requested(id, "rp-a", receiver.url("/restart"), Duration.ofMinutes(1)));
                publish(Events.completed(id, "rp-a", new byte[] {1}));
                Jdbi jdbi = first.getBean(Jdbi.class);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> jdbi.onDemand(DeliveryDao.class).forSignature(id).stream()
                                .anyMatch(d -> d.attempts() == 1));
                pending = jdbi.onDemand(DeliveryDao.class).forSignature(id).getFirst();
                assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
            } finally {
                first.close();
            }
            assertThat(receiver.received("/restart")).hasSize(1);

            ConfigurableApplicationContext second =
                    NotifierStack.startNotifier("notifier_restart", "restart-it", SLOW_SCHEDULE);
            try {
                DeliveryDao dao = second.getBean(Jdbi.class).onDemand(DeliveryDao.class);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> dao.forSignature(id).getFirst().status() == DeliveryStatus.DELIVERED);
                assertThat(dao.forSignature(id).getFirst().attempts()).isEqualTo(2);
            } finally {
                second.close();
            }
            assertThat(receiver.received("/restart").stream()
                            .map(r -> r.header("webhook-id"))
                            .collect(Collectors.toSet()))
                    .isEqualTo(java.util.Set.of(pending.webhookId()));
            assertThat(receiver.received("/restart").stream()
                            .map(Receiver.Received::answered)
                            .toList())
                    .isEqualTo(List.of(500, 200));
        }
    }
}
