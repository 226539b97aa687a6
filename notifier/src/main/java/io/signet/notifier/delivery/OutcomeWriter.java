package io.signet.notifier.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes attempt outcomes in batches, one transaction (one commit, one WAL flush) for whatever accumulated while the
 * previous batch was written: a commit per attempt would cap delivery at the disk's flush rate. An outcome not
 * written yet when the process dies is lost; the delivery's lease then runs out and it is sent again with the same
 * {@code webhook-id} (at least once). Thread-safe: any thread may {@link #submit}; one writer thread writes.
 */
final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final int MAX_BATCH = 1000;

    /** One attempt's outcome, and what to do once it is committed. */
    record Outcome(DeliveryQueueDao.Outcome outcome, boolean disableEndpoint, Delivery delivery) {

        DeliveryAttempt attempt() {
            return outcome.attempt();
        }
    }

    private final Jdbi jdbi;
    private final Consumer<Outcome> onCommitted;
    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;

    OutcomeWriter(Jdbi jdbi, Consumer<Outcome> onCommitted) {
        this.jdbi = jdbi;
        this.onCommitted = onCommitted;
    }

    void submit(Outcome outcome) {
        queue.add(outcome);
    }

    synchronized void start() {
        running = true;
        writer = Thread.ofPlatform().name("delivery-outcomes").daemon().start(this::writeLoop);
    }

    /** Stops after writing what was submitted before. */
    synchronized void stop(long timeoutMillis) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(timeoutMillis);
        }
    }

    private void writeLoop() {
        List<Outcome> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Outcome first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Not retried here: the leases of these deliveries run out and they are attempted again.
                log.warn("recording {} callback attempt outcomes failed: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Outcome> batch) {
        List<Outcome> applied;
        if (batch.stream().noneMatch(Outcome::disableEndpoint)) {
            // One statement, atomic on its own: no transaction round trips.
            applied = jdbi.withHandle(handle -> finish(handle.attach(DeliveryQueueDao.class), batch));
        } else {
            applied = jdbi.inTransaction(handle -> {
                DeliveryQueueDao dao = handle.attach(DeliveryQueueDao.class);
                List<Outcome> current = finish(dao, batch);
                current.stream()
                        .filter(Outcome::disableEndpoint)
                        .forEach(o -> dao.disableEndpoint(
                                o.delivery().rpId(), o.delivery().endpoint()));
                return current;
            });
        }
        applied.forEach(onCommitted);
    }

    /** The outcomes applied; left out are those of deliveries another instance took over after a lease ran out. */
    private static List<Outcome> finish(DeliveryQueueDao dao, List<Outcome> batch) {
        Set<DeliveryQueueDao.Outcome> applied = Set.copyOf(
                dao.finishAttempts(batch.stream().map(Outcome::outcome).toList()));
        return batch.stream().filter(o -> applied.contains(o.outcome())).toList();
    }
}
