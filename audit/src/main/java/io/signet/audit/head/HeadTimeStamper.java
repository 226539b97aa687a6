package io.signet.audit.head;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
public final class HeadTimeStamper {

    private static final Logger LOG = LoggerFactory.getLogger(HeadTimeStamper.class);

    private final TsaProperties properties;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public HeadTimeStamper(TsaProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.tsaTimeout())
                .build();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private TimeStampToken query(byte[] signature) throws IOException, TSPException, InterruptedException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request =
                generator.generate(NISTObjectIdentifiers.id_sha256, sha256(signature), new BigInteger(63, random));
        HttpResponse<byte[]> answer = http.send(
                HttpRequest.newBuilder(properties.tsaUrl())
                        .timeout(properties.tsaTimeout())
                        .header("Content-Type", "application/timestamp-query")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException("HTTP " + answer.statusCode());
        }
        TimeStampResponse response = new TimeStampResponse(answer.body());
        response.validate(request);
        if (response.getTimeStampToken() == null) {
            throw new TSPException("refused: status " + response.getStatus() + " " + response.getStatusString());
        }
        return response.getTimeStampToken();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
