package io.signet.signworker.request;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lets the batches in hand end before a stopping worker closes what they still use. A listener container that stops
 * waits only so long for its batch; after that, the service would close the TSA client, the key records' producer and
 * the HSM token under requests still at work, and the deletion records of their keys would be lost ("producer has
 * been closed"). So after the containers and the certificate client (which fails what still waits for a certificate),
 * this closes the TSA client, which ends its waits at once, and waits until no batch is in hand: each request then
 * destroys its key and publishes the key's deletion record, and the batch is rolled back (see
 * {@link SignRequestListener#rollBackFailuresOfStopping}). Only then are the producer and the token closed. Thread-safe.
 */
final class BatchesInFlight implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BatchesInFlight.class);

    private final AutoCloseable waitsToEnd;
    private final Duration timeout;
    private int running; // guarded by this
    private volatile boolean started;

    /**
     * @param waitsToEnd closed first when the service stops, to end the waits of the requests in hand (the TSA client)
     * @param timeout how long to wait for the batches in hand; past it the service goes on closing
     */
    BatchesInFlight(AutoCloseable waitsToEnd, Duration timeout) {
        this.waitsToEnd = waitsToEnd;
        this.timeout = timeout;
    }

    synchronized void begin() {
        running++;
    }

    synchronized void end() {
        running--;
        notifyAll();
    }

    /** Whether no batch was in hand within the timeout. */
    private synchronized boolean awaitNone() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        try {
            waitsToEnd.close();
            if (!awaitNone()) {
                LOG.warn("a batch is still in hand after {} s; closing under it", timeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("ending the waits of the batches in hand failed: {}", e.toString());
        } finally {
            started = false;
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    // Stops after the listener containers (Integer.MAX_VALUE - 100) and the certificate client (- 200).
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 250;
    }
}
