package io.signet.notifier.polling;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for a result, keyed by signatureId. A waiter is a future completed when the row may have changed
 * (the caller re-reads it). Thread-safe.
 */
public final class ResultWaiters {

    private final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    /** Registers a waiter; the caller must {@link #remove} it when done waiting. */
    public CompletableFuture<Void> register(String signatureId) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(signatureId, id -> ConcurrentHashMap.newKeySet())
                .add(waiter);
        return waiter;
    }

    public void remove(String signatureId, CompletableFuture<Void> waiter) {
        waiters.computeIfPresent(signatureId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    /** Wakes every waiter of {@code signatureId}. */
    public void wake(String signatureId) {
        Set<CompletableFuture<Void>> set = waiters.get(signatureId);
        if (set != null) {
            set.forEach(waiter -> waiter.complete(null));
        }
    }

    /** Wakes every waiter (after notifications may have been missed, e.g. on reconnect). */
    public void wakeAll() {
        waiters.values().forEach(set -> set.forEach(waiter -> waiter.complete(null)));
    }

    /** Number of requests waiting now. */
    public int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }
}
