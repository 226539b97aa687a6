package io.signet.notifier.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers due callbacks: one dispatcher thread claims due deliveries from PostgreSQL (so the schedule survives
 * restarts and several instances share it), and each attempt runs on its own virtual thread, limited per destination
 * host so that a slow or dead receiver only holds its own slots. Thread-safe; {@link #wakeUp()} may be called from
 * any thread.
 */
public final class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Jdbi jdbi;
    private final CallbackSender sender;
    private final RetryPolicy retryPolicy;
    private final RelyingPartyProperties relyingParties;
    private final DeliveryProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Map<String, Semaphore> hostSlots = new ConcurrentHashMap<>();
    private final Semaphore wakeUps = new Semaphore(0);
    private final Semaphore inFlight = new Semaphore(Integer.MAX_VALUE);
    private final OutcomeWriter outcomes;
    private volatile boolean running;
    private Thread dispatcher;
    private ExecutorService attempts;

    public DeliveryDispatcher(
            Jdbi jdbi,
            CallbackSender sender,
            RetryPolicy retryPolicy,
            RelyingPartyProperties relyingParties,
            DeliveryProperties properties,
            DeliveryMetrics metrics,
            Clock clock) {
        this.jdbi = jdbi;
        this.sender = sender;
        this.retryPolicy = retryPolicy;
        this.relyingParties = relyingParties;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.outcomes = new OutcomeWriter(jdbi, this::committed);
    }

    /** Looks for due deliveries now instead of at the next poll (call after committing new deliveries). */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        outcomes.start();
        attempts = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("callback-", 0).factory());
        dispatcher = Thread.ofPlatform().name("delivery-dispatcher").daemon().start(this::dispatchLoop);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            dispatcher.join(properties.timeout().toMillis());
            // Let attempts in flight record their outcome; any that do not are retried when their lease ends.
            if (inFlight.tryAcquire(Integer.MAX_VALUE, properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                inFlight.release(Integer.MAX_VALUE);
            }
            outcomes.stop(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        attempts.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void dispatchLoop() {
        DeliveryDao dao = jdbi.onDemand(DeliveryDao.class);
        while (running) {
            int claimed = 0;
            try {
                List<Delivery> due =
                        dao.claimDue(properties.batchSize(), properties.lease().toMillis());
                claimed = due.size();
                // One query per batch rather than one per attempt.
                Set<String> disabled = due.isEmpty() ? Set.of() : dao.disabledEndpoints();
                for (Delivery delivery : due) {
                    dispatch(dao, delivery, disabled.contains(delivery.rpId() + " " + delivery.endpoint()));
                }
            } catch (RuntimeException e) {
                log.warn("claiming due callback deliveries failed: {}", e.toString());
            }
            if (claimed < properties.batchSize()) {
                awaitWork();
            }
        }
    }

    private void dispatch(DeliveryDao dao, Delivery delivery, boolean endpointDisabled) {
        Semaphore slots =
                hostSlots.computeIfAbsent(delivery.host(), host -> new Semaphore(properties.maxConcurrencyPerHost()));
        if (!running || !slots.tryAcquire()) {
            dao.release(delivery.id(), properties.busyHostDelay().toMillis());
            return;
        }
        inFlight.acquireUninterruptibly();
        try {
            attempts.execute(() -> {
                try {
                    attempt(delivery, endpointDisabled);
                } catch (RuntimeException e) {
                    // The lease makes it due again; nothing is lost.
                    log.warn("callback attempt of delivery {} failed unexpectedly: {}", delivery.id(), e.toString());
                } finally {
                    slots.release();
                    inFlight.release();
                }
            });
        } catch (RuntimeException rejected) {
            slots.release();
            inFlight.release();
            dao.release(delivery.id(), properties.busyHostDelay().toMillis());
        }
    }

    private void awaitWork() {
        try {
            if (wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void attempt(Delivery delivery, boolean endpointDisabled) {
        int attempt = delivery.attempts() + 1;
        Instant startedAt = clock.instant();
        if (endpointDisabled) {
            finish(
                    delivery,
                    attempt,
                    startedAt,
                    null,
                    0,
                    AttemptOutcome.DISABLED,
                    "endpoint disabled after 410 Gone",
                    0);
            return;
        }
        URI url = URI.create(delivery.url());
        long timestamp = startedAt.getEpochSecond();
        String payload = delivery.kind() == DeliveryKind.POST ? delivery.body() : signedQuery(url);
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", delivery.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        relyingParties
                .find(delivery.rpId())
                .map(RelyingPartyProperties.RelyingParty::webhookSecret)
                .ifPresent(secret -> headers.put(
                        "webhook-signature", WebhookSigner.sign(secret, delivery.webhookId(), timestamp, payload)));

        CallbackSender.SendResult result = sender.send(delivery.kind().name(), url, delivery.body(), headers);

        Integer status = result.httpStatus();
        if (result.refused()) {
            finish(delivery, attempt, startedAt, null, 0, AttemptOutcome.REFUSED, result.error(), 0);
        } else if (status != null && status >= 200 && status < 300) {
            finish(delivery, attempt, startedAt, status, result.latencyMs(), AttemptOutcome.DELIVERED, null, 0);
        } else if (status != null && status == 410) {
            finish(delivery, attempt, startedAt, status, result.latencyMs(), AttemptOutcome.DISABLED, "410 Gone", 0);
        } else {
            String error = status != null ? failureText(status) : result.error();
            Optional<Duration> delay = retryPolicy.nextDelay(attempt - delivery.scheduleOffset(), result.retryAfter());
            AttemptOutcome outcome = delay.isPresent() ? AttemptOutcome.RETRY : AttemptOutcome.DEAD;
            finish(
                    delivery,
                    attempt,
                    startedAt,
                    status,
                    result.latencyMs(),
                    outcome,
                    error,
                    delay.map(Duration::toMillis).orElse(0L));
        }
    }

    private void finish(
            Delivery delivery,
            int attempt,
            Instant startedAt,
            Integer httpStatus,
            long latencyMs,
            AttemptOutcome outcome,
            String error,
            long delayMillis) {
        DeliveryStatus status = switch (outcome) {
            case DELIVERED -> DeliveryStatus.DELIVERED;
            case RETRY -> DeliveryStatus.PENDING;
            case DEAD, REFUSED -> DeliveryStatus.DEAD;
            case DISABLED -> DeliveryStatus.DISABLED;
        };
        outcomes.submit(new OutcomeWriter.Outcome(
                new DeliveryDao.Finish(delivery.id(), attempt, status.name(), delayMillis, error),
                new DeliveryAttempt(delivery.id(), attempt, startedAt, httpStatus, latencyMs, outcome, error),
                outcome == AttemptOutcome.DISABLED && httpStatus != null,
                delivery));
    }

    /** Metrics and logs of an outcome, once it is committed. */
    private void committed(OutcomeWriter.Outcome committed) {
        Delivery delivery = committed.delivery();
        DeliveryAttempt attempt = committed.attempt();
        DeliveryStatus status = DeliveryStatus.valueOf(committed.finish().status());
        metrics.attempt(attempt.outcome(), attempt.latencyMs());
        if (status != DeliveryStatus.PENDING) {
            metrics.ended(status);
        }
        if (status == DeliveryStatus.DELIVERED) {
            metrics.delivered(Duration.between(delivery.createdAt(), clock.instant()));
        } else if (status == DeliveryStatus.DEAD) {
            log.warn(
                    "callback delivery {} of signatureId={} dead-lettered after {} attempts: {}",
                    delivery.id(),
                    delivery.signatureId(),
                    attempt.attempt(),
                    attempt.error());
        } else if (status == DeliveryStatus.DISABLED && committed.disableEndpoint()) {
            log.warn("callback endpoint of rp {} at host {} is disabled (410 Gone)", delivery.rpId(), delivery.host());
        }
    }

    private static String failureText(int status) {
        if (status >= 300 && status < 400) {
            return "HTTP " + status + " (redirects are not followed)";
        }
        return "HTTP " + status;
    }

    /** The signed payload of a GET callback: its raw query string (a GET has no body to sign). */
    static String signedQuery(URI url) {
        return url.getRawQuery() == null ? "" : url.getRawQuery();
    }

    /** Refreshes the backlog gauges; called periodically. */
    public void refreshBacklog() {
        metrics.backlog(jdbi.onDemand(DeliveryDao.class).backlogByHost());
    }
}
