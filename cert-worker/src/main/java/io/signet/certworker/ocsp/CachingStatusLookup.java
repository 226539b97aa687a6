package io.signet.certworker.ocsp;

import io.signet.certworker.ca.CertificateRecord;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers found certificates for a short time, so repeated OCSP questions about one certificate (every relying
 * party validating the same signature) cost no database round trip. Serials not found are never cached: the map
 * cannot be filled with random serials, and a certificate issued a moment later is seen at once. A status change
 * shows after at most {@code ttl}, on every instance. Thread-safe.
 */
public final class CachingStatusLookup implements StatusLookup {

    private static final int MAX_ENTRIES = 100_000;

    private final StatusLookup delegate;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<BigInteger, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(CertificateRecord record, long expiresAt) {}

    public CachingStatusLookup(StatusLookup delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public Optional<CertificateRecord> find(BigInteger serial) {
        long now = clock.millis();
        Entry entry = entries.get(serial);
        if (entry != null && entry.expiresAt() > now) {
            return Optional.of(entry.record());
        }
        Optional<CertificateRecord> found = delegate.find(serial);
        if (found.isPresent() && ttlMillis > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude but bounded; a miss only costs one lookup
            }
            entries.put(serial, new Entry(found.get(), now + ttlMillis));
        } else {
            entries.remove(serial);
        }
        return found;
    }
}
