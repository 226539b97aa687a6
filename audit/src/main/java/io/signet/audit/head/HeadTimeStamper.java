package io.signet.audit.head;

import io.signet.platform.http.ServiceHttp;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets an RFC 3161 time-stamp token over a tree head's signature (imprint: SHA-256 of the signature bytes), which
 * proves the head existed no later than the TSA's time. Each query carries a random nonce and asks for the TSA's
 * certificate, so the token can be checked offline; the answer is checked against the query. Thread-safe.
 */
public final class HeadTimeStamper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeadTimeStamper.class);

    private final TsaProperties properties;
    private final ServiceHttp http;
    private final SecureRandom random = new SecureRandom();

    public HeadTimeStamper(TsaProperties properties) {
        this.properties = properties;
        this.http = new ServiceHttp(properties.tsaTimeout(), 2);
    }

    /** The DER TimeStampToken over {@code signature}; empty when no TSA is configured or it failed (logged). */
    public Optional<byte[]> timestamp(byte[] signature) {
        if (properties.tsaUrl() == null || properties.tsaUrl().toString().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(query(signature).getEncoded());
        } catch (IOException | TSPException | RuntimeException e) {
            LOG.warn("tree head not time-stamped: TSA at {} failed: {}", properties.tsaUrl(), e.getMessage());
            return Optional.empty();
        }
    }

    private TimeStampToken query(byte[] signature) throws IOException, TSPException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request =
                generator.generate(NISTObjectIdentifiers.id_sha256, sha256(signature), new BigInteger(63, random));
        ServiceHttp.Response answer =
                http.post(properties.tsaUrl(), "application/timestamp-query", request.getEncoded(), Map.of());
        if (answer.status() != 200) {
            throw new IOException("HTTP " + answer.status());
        }
        TimeStampResponse response = new TimeStampResponse(answer.body());
        response.validate(request);
        if (response.getTimeStampToken() == null) {
            throw new TSPException("refused: status " + response.getStatus() + " " + response.getStatusString());
        }
        return response.getTimeStampToken();
    }

    @Override
    public void close() {
        http.close();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
