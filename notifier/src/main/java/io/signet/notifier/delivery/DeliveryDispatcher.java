package io.signet.notifier.delivery;

import io.signet.platform.logging.TraceMdc;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers callbacks. Deliveries reach it two ways: created claimed by this instance and handed over right after
 * their transaction committed ({@link #created}), which keeps a stored result's first attempt off any polling path;
 * and claimed from PostgreSQL by the dispatcher thread when due (retries, re-drives, deliveries of an instance that
 * died), so the schedule survives restarts and several instances share it. Each attempt runs on a virtual thread,
 * at most {@code maxConcurrencyPerHost} per destination host, the rest of a host's claimed deliveries waiting in its
 * {@link HostLane}, so that a slow or dead receiver only holds its own slots. Thread-safe; {@link #wakeUp()} and
 * {@link #created} may be called from any thread.
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
    private final Map<String, HostLane> lanes = new ConcurrentHashMap<>();
    private final Semaphore wakeUps = new Semaphore(0);
    /** Deliveries created claimed by this instance, waiting for the dispatcher thread. */
    private final Queue<List<Delivery>> handedOver = new ConcurrentLinkedQueue<>();

    private volatile boolean claimRequested;
    private final Semaphore inFlight = new Semaphore(Integer.MAX_VALUE);
    private final OutcomeWriter outcomes;
    /** A queued delivery older than this is not attempted: its lease may run out while the request is in flight. */
    private final long freshNanos;

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
        this.freshNanos = properties.lease().minus(properties.timeout()).toNanos();
    }

    /** Looks for due deliveries now instead of at the next poll (call after committing new due deliveries). */
    public void wakeUp() {
        claimRequested = true;
        signal();
    }

    private void signal() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Takes deliveries that {@link CallbackPlanner#plan} created, after their transaction committed: attempts them
     * now when the planner created them claimed by this instance, otherwise wakes the dispatcher to find them when
     * they are due.
     */
    public void created(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        if (!properties.firstAttemptImmediate()) {
            wakeUp();
        } else if (running) {
            // The dispatcher thread makes the database round trip a dispatch needs, not the caller (a Kafka listener).
            handedOver.add(deliveries);
            signal();
        } else {
            release(deliveries.stream().map(Delivery::id).toList());
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
            // Waiting deliveries go back to the database now rather than when their leases run out.
            List<UUID> waiting = new ArrayList<>();
            lanes.values()
                    .forEach(lane ->
                            lane.drain().forEach(c -> waiting.add(c.delivery().id())));
            for (List<Delivery> handed; (handed = handedOver.poll()) != null; ) {
                handed.forEach(delivery -> waiting.add(delivery.id()));
            }
            release(waiting);
            // Let attempts in flight record their outcome; any that do not are retried when their lease ends.
            if (inFlight.tryAcquire(Integer.MAX_VALUE, properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                inFlight.release(Integer.MAX_VALUE);
            }
            outcomes.stop(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("giving back waiting callback deliveries failed (their leases run out): {}", e.toString());
        }
        attempts.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void dispatchLoop() {
        long nextClaim = System.nanoTime();
        while (running) {
            boolean more = false;
            try {
                List<Delivery> handed = new ArrayList<>();
                for (List<Delivery> list; (list = handedOver.poll()) != null; ) {
                    handed.addAll(list);
                }
                boolean claim = claimRequested || System.nanoTime() - nextClaim >= 0;
                if (claim) {
                    claimRequested = false;
                    nextClaim = System.nanoTime() + properties.pollInterval().toNanos();
                }
                if (claim || !handed.isEmpty()) {
                    // One handle and one attached DAO per round: attaching a SqlObject costs more than a query.
                    more = jdbi.withHandle(handle -> round(handle.attach(DeliveryQueueDao.class), handed, claim));
                    claimRequested |= more;
                }
            } catch (RuntimeException e) {
                log.warn("dispatching callback deliveries failed: {}", e.toString());
            }
            if (!more && handedOver.isEmpty()) {
                awaitWork(Math.max(0, nextClaim - System.nanoTime()));
            }
        }
    }

    /** Dispatches handed-over deliveries and, if asked, claims due ones; true when a full batch was claimed. */
    private boolean round(DeliveryQueueDao dao, List<Delivery> handed, boolean claim) {
        dispatch(dao, handed);
        if (!claim) {
            return false;
        }
        List<Delivery> due =
                dao.claimDue(properties.batchSize(), properties.lease().toMillis());
        int dispatched = dispatch(dao, due);
        // Claim again at once only when a full batch went out: a batch its hosts had no room for waits.
        return due.size() == properties.batchSize() && dispatched > 0;
    }

    /**
     * Starts or queues claimed deliveries on their hosts' lanes; gives those without room back to the database.
     * Returns how many were started or queued.
     */
    private int dispatch(DeliveryQueueDao dao, List<Delivery> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        long now = System.nanoTime();
        // One query per batch rather than one per attempt.
        Set<String> disabled = dao.disabledEndpoints();
        List<UUID> refused = new ArrayList<>();
        for (Delivery delivery : claimed) {
            HostLane lane = lanes.computeIfAbsent(
                    delivery.host(),
                    host -> new HostLane(properties.maxConcurrencyPerHost(), properties.maxQueuedPerHost()));
            HostLane.Claimed entry =
                    new HostLane.Claimed(delivery, disabled.contains(delivery.rpId() + " " + delivery.endpoint()), now);
            HostLane.Admission admission = running ? lane.offer(entry) : HostLane.Admission.FULL;
            if (admission == HostLane.Admission.FULL || admission == HostLane.Admission.RUN && !start(lane, entry)) {
                refused.add(delivery.id());
            }
        }
        if (!refused.isEmpty()) {
            dao.release(refused.toArray(UUID[]::new), properties.busyHostDelay().toMillis());
        }
        return claimed.size() - refused.size();
    }

    /** Runs {@code first} and then whatever its lane queues, on one virtual thread holding one slot of the lane. */
    private boolean start(HostLane lane, HostLane.Claimed first) {
        inFlight.acquireUninterruptibly();
        try {
            attempts.execute(() -> {
                try {
                    HostLane.Claimed current = first;
                    while (current != null) {
                        if (System.nanoTime() - current.claimedAtNanos() < freshNanos) {
                            attemptSafely(current);
                        }
                        // else: waited so long that its lease may run out mid-attempt; it becomes due again then.
                        if (running) {
                            current = lane.next();
                        } else {
                            lane.free();
                            current = null;
                        }
                    }
                } finally {
                    inFlight.release();
                }
            });
            return true;
        } catch (RuntimeException rejected) {
            lane.free();
            inFlight.release();
            return false;
        }
    }

    private void attemptSafely(HostLane.Claimed claimed) {
        try (TraceMdc.Scope trace = TraceMdc.enter(claimed.delivery().traceparent())) {
            attempt(claimed.delivery(), claimed.endpointDisabled());
        } catch (RuntimeException e) {
            // The lease makes it due again; nothing is lost.
            log.warn(
                    "callback attempt of delivery {} failed unexpectedly: {}",
                    claimed.delivery().id(),
                    e.toString());
        }
    }

    /** Gives claimed deliveries back, due after the busy-host delay, without counting an attempt. */
    private void release(List<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbi.onDemand(DeliveryQueueDao.class)
                    .release(
                            ids.toArray(UUID[]::new), properties.busyHostDelay().toMillis());
        }
    }

    private void awaitWork(long nanos) {
        try {
            if (wakeUps.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
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
                new DeliveryQueueDao.Outcome(
                        new DeliveryAttempt(delivery.id(), attempt, startedAt, httpStatus, latencyMs, outcome, error),
                        status.name(),
                        delayMillis),
                outcome == AttemptOutcome.DISABLED && httpStatus != null,
                delivery));
    }

    /** Metrics and logs of an outcome, once it is committed. */
    private void committed(OutcomeWriter.Outcome committed) {
        Delivery delivery = committed.delivery();
        DeliveryAttempt attempt = committed.attempt();
        DeliveryStatus status = DeliveryStatus.valueOf(committed.outcome().status());
        metrics.attempt(attempt.outcome(), attempt.latencyMs());
        if (status != DeliveryStatus.PENDING) {
            metrics.ended(status);
        }
        if (status == DeliveryStatus.DELIVERED) {
            metrics.delivered(Duration.between(delivery.createdAt(), clock.instant()));
        } else if (status == DeliveryStatus.DEAD) {
            try (TraceMdc.Scope trace = TraceMdc.enter(delivery.traceparent())) {
                log.warn(
                        "callback delivery {} of signatureId={} dead-lettered after {} attempts: {}",
                        delivery.id(),
                        delivery.signatureId(),
                        attempt.attempt(),
                        attempt.error());
            }
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
