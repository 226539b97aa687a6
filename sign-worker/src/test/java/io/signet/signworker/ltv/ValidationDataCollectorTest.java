package io.signet.signworker.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.signet.signworker.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CRL caching of the B-LT collector against a loopback CA that can go away. */
class ValidationDataCollectorTest {

    private static final TestPki PKI = new TestPki();
    private static final Duration REFRESH = Duration.ofMinutes(5);

    /** The status the CA answers with; 200 serves its CRL (valid for an hour from now). */
    private final AtomicInteger status = new AtomicInteger(200);

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private HttpServer server;
    private ValidationDataCollector collector;
    private TimeStampToken timeStamp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pki/crl", exchange -> {
            fetches.incrementAndGet();
            if (status.get() != 200) {
                exchange.sendResponseHeaders(status.get(), -1);
                exchange.close();
                return;
            }
            byte[] body = PKI.caCrl().getEncoded();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pki/crl");
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        collector = new ValidationDataCollector(new LtvProperties(List.of(url), REFRESH, Duration.ofSeconds(2)), clock);
        timeStamp = PKI.timestamp(NISTObjectIdentifiers.id_sha256, new byte[32]);
    }

    @AfterEach
    void stop() {
        collector.close();
        server.stop(0);
    }

    @Test
    void aCrlIsFetchedOnceAndReusedUntilTheRefreshInterval() {
        CertificateList first = crlOf(collect());
        now.set(now.get().plus(REFRESH).minusSeconds(1));

        assertThat(crlOf(collect())).isEqualTo(first);
        assertThat(fetches).hasValue(1);

        now.set(now.get().plusSeconds(2));
        collect();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailedRefreshKeepsTheCrlInHandUntilItsNextUpdate() {
        CertificateList first = crlOf(collect());
        status.set(503);
        now.set(now.get().plus(REFRESH).plusSeconds(1));

        assertThat(crlOf(collect())).as("CA away, CRL still current").isEqualTo(first);
        assertThat(fetches).hasValue(2);

        now.set(first.getNextUpdate().getDate().toInstant());
        assertThatThrownBy(this::collect)
                .as("CA away, CRL past its nextUpdate")
                .isInstanceOf(LtvException.class)
                .hasMessageContaining("503");
    }

    @Test
    void withoutACrlInHandAFailedFetchFails() {
        status.set(503);

        assertThatThrownBy(this::collect).isInstanceOf(LtvException.class);
    }

    private ValidationData collect() {
        return collector.collect(List.of(PKI.ca.toASN1Structure()), null, timeStamp);
    }

    private static CertificateList crlOf(ValidationData data) {
        assertThat(data.crls()).hasSize(1);
        return data.crls().getFirst();
    }
}
