package io.signet.certworker.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerTimesTest {

    @ParameterizedTest
    @CsvSource({
        "2026-12-05T10:15:30Z,      20261205101530Z",
        "2026-12-05T10:15:30.100Z,  20261205101530.1Z",
        "2026-12-05T10:15:30.120Z,  20261205101530.12Z",
        "2026-12-05T10:15:30.123Z,  20261205101530.123Z",
        "2026-12-05T10:15:30.007Z,  20261205101530.007Z",
        "2026-12-05T10:15:30.000999Z, 20261205101530Z",
        "2050-01-02T03:04:05.060Z,  20500102030405.06Z"
    })
    void generalizedTimeMillisHasNoTrailingZeroInItsFraction(String instant, String expected) throws Exception {
        ASN1GeneralizedTime time = DerTimes.generalizedTimeMillis(Instant.parse(instant));

        assertThat(time.getTimeString()).isEqualTo(expected);
        // BouncyCastle reads back the instant, to the millisecond.
        assertThat(time.getDate().toInstant()).isEqualTo(Instant.parse(instant).truncatedTo(ChronoUnit.MILLIS));
    }
}
