package io.signet.notifier.delivery;

import static io.signet.notifier.support.NotifierStack.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.notifier.support.Events;
import io.signet.notifier.support.NotifierStack;
import io.signet.notifier.support.Receiver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One slow relying party never delays the others: its callbacks hold only its own host's slots. Its own notifier, with
 * a delivery timeout longer than the test, so that no attempt ends by timing out and frees a slot.
 */
class SlowReceiverIT {

    private static final String SLOW_HOST = "slow.signet.test";
    /** Callbacks in flight to one host at most (the default of {@code max-concurrency-per-host}). */
    private static final int PER_HOST = 32;
    /** More than that, so some of them also wait in the slow host's queue. */
    private static final int SLOW_CALLBACKS = 40;

    private static Receiver receiver;
    private static ConfigurableApplicationContext notifier;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
        HostResolver resolver = host -> host.equals(SLOW_HOST)
                ? List.of(InetAddress.getLoopbackAddress())
                : HostResolver.system().resolve(host);
        notifier = NotifierStack.startNotifier(
                "notifier_slow_receiver",
                "slow-receiver-it",
                Map.of("signet.notifier.delivery.timeout", "60s", "signet.notifier.delivery.lease", "120s"),
                Map.of("hostResolver", resolver));
        jdbi = notifier.getBean(Jdbi.class);
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aReceiverThatHoldsEveryCallbackDoesNotDelayAnotherHostsCallback() throws Exception {
        CountDownLatch fastArrived = new CountDownLatch(1);
        AtomicBoolean heldUntilTheFastOneArrived = new AtomicBoolean(true);
        AtomicInteger held = new AtomicInteger();
        receiver.respond("/slow", n -> {
            held.incrementAndGet();
            try {
                if (!fastArrived.await(30, TimeUnit.SECONDS)) {
                    heldUntilTheFastOneArrived.set(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        receiver.respond("/fast", n -> {
            fastArrived.countDown();
            return 200;
        });
        String slowUrl = receiver.url("/slow").replace("127.0.0.1", SLOW_HOST);
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CALLBACKS; i++) {
            String id = Events.newId();
            publish(Events.requested(id, "rp-a", slowUrl, Duration.ofMinutes(2)));
            publish(Events.completed(id, "rp-a", new byte[] {1}));
            slow.add(id);
        }
        // The slow host's slots are all taken before the other relying party's result comes in.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> held.get() >= PER_HOST);
        String fast = Events.newId();
        publish(Events.requested(fast, "rp-b", receiver.url("/fast"), Duration.ofMinutes(2)));
        publish(Events.completed(fast, "rp-b", new byte[] {2}));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> slow.stream().allMatch(id -> statusOf(id) == DeliveryStatus.DELIVERED));
        assertThat(heldUntilTheFastOneArrived)
                .as("the other host's callback came while the slow host held its slots")
                .isTrue();
        assertThat(statusOf(fast)).isEqualTo(DeliveryStatus.DELIVERED);
        // Each slow callback was sent once: none was given up on and retried.
        assertThat(receiver.received("/slow")).hasSize(SLOW_CALLBACKS);
    }

    private static DeliveryStatus statusOf(String signatureId) {
        return jdbi.onDemand(DeliveryDao.class).forSignature(signatureId).stream()
                .findFirst()
                .map(Delivery::status)
                .orElse(null);
    }
}
