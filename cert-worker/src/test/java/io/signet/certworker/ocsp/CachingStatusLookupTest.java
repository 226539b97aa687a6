package io.signet.certworker.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.certworker.ca.CertificateRecord;
import io.signet.certworker.ca.CertificateStatus;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingStatusLookupTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<CertificateStatus> stored = new AtomicReference<>(CertificateStatus.ACTIVE);
    private final CachingStatusLookup cache = new CachingStatusLookup(
            serial -> {
                lookups.incrementAndGet();
                return serial.equals(BigInteger.ONE) ? Optional.of(record(stored.get())) : Optional.empty();
            },
            Duration.ofSeconds(1),
            clock);

    @Test
    void foundCertificateIsReusedUntilTheTtlAndAStatusChangeShowsAfterIt() {
        assertThat(cache.find(BigInteger.ONE))
                .get()
                .extracting(CertificateRecord::status)
                .isEqualTo(CertificateStatus.ACTIVE);
        stored.set(CertificateStatus.REVOKED);
        assertThat(cache.find(BigInteger.ONE))
                .get()
                .extracting(CertificateRecord::status)
                .isEqualTo(CertificateStatus.ACTIVE);
        assertThat(lookups).hasValue(1);
        now.set(now.get().plusMillis(1001));
        assertThat(cache.find(BigInteger.ONE))
                .get()
                .extracting(CertificateRecord::status)
                .isEqualTo(CertificateStatus.REVOKED);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void unknownSerialsAreNeverCached() {
        assertThat(cache.find(BigInteger.TWO)).isEmpty();
        assertThat(cache.find(BigInteger.TWO)).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    private static CertificateRecord record(CertificateStatus status) {
        return new CertificateRecord("id", "1", "SCD", "s", null, Instant.EPOCH, Instant.MAX, status, null, null, null);
    }
}
