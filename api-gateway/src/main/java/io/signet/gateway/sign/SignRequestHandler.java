package io.signet.gateway.sign;

import io.signet.gateway.error.ApiException;
import io.signet.gateway.idempotency.IdempotencyKeyDao;
import io.signet.gateway.idempotency.IdempotencyRecord;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.EventCodec;
import io.signet.schemas.EventTypes;
import io.signet.schemas.SignRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Accepts a validated sign request: honours the {@code Idempotency-Key}, then writes the request, the key and the
 * {@code signet.sign.requested.v1} outbox event in one transaction. When this returns, the request is committed and
 * the relay will publish it. Thread-safe.
 */
@Component
public class SignRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SignRequestHandler.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AcceptedRequestWriter requests;
    private final IdempotencyKeyDao idempotencyKeys;
    private final EventCodec codec;
    private final Clock clock;
    private final SignProperties properties;

    public SignRequestHandler(Jdbi jdbi, EventCodec codec, Clock clock, SignProperties properties) {
        // On-demand proxies are thread-safe and resolve the SQL once, instead of once per request.
        this.requests = new AcceptedRequestWriter(jdbi);
        this.idempotencyKeys = jdbi.onDemand(IdempotencyKeyDao.class);
        this.codec = codec;
        this.clock = clock;
        this.properties = properties;
    }

    public Accepted accept(Intake intake) {
        byte[] bodyHash = sha256(intake.body());
        // Microseconds: what PostgreSQL stores, so a replayed answer shows the same timestamp as the first one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AcceptedRow row = row(intake, bodyHash, now);
        // Insert first and look the key up only when it is taken: a new Idempotency-Key, nearly every request, then
        // costs one round trip. A taken key is an earlier request (its answer is replayed), a concurrent one (the
        // insert waited for it to commit; the same), or an expired record, which the lookup deletes before the insert
        // is tried once more.
        for (int attempt = 1; !requests.insert(row); attempt++) {
            Optional<Accepted> earlier = earlierAnswer(intake, bodyHash, now);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            if (attempt >= 2) {
                throw new IllegalStateException("Idempotency-Key neither free nor held by a request");
            }
        }
        // The one line per accepted request: ids only, and the trace id from the logging context.
        LOG.info(
                "sign request {} accepted for RP {}",
                row.signatureId(),
                intake.rp().rpId());
        return new Accepted(row.signatureId(), now, false);
    }

    private Optional<Accepted> earlierAnswer(Intake intake, byte[] bodyHash, Instant now) {
        String rpId = intake.rp().rpId();
        Optional<IdempotencyRecord> stored = idempotencyKeys.find(rpId, intake.idempotencyKey());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord record = stored.get();
        if (!record.expiresAt().toInstant().isAfter(now)) {
            idempotencyKeys.deleteIfExpired(rpId, intake.idempotencyKey(), utc(now));
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(record.bodyHash(), bodyHash)) {
            throw ApiException.unprocessable("Idempotency-Key was already used with a different request body");
        }
        return Optional.of(
                new Accepted(record.signatureId(), record.acceptedAt().toInstant(), true));
    }

    private AcceptedRow row(Intake intake, byte[] bodyHash, Instant now) {
        OnetimeRequest request = intake.request();
        String signatureId = UUID.randomUUID().toString();
        Instant deadline = now.plus(properties.deadline());
        // The callback contract always carries a nonce; when the RP sends none, one is made up for it.
        String nonce = request.nonce() != null ? request.nonce() : randomNonce();
        SignRequested event = new SignRequested(
                signatureId,
                intake.rp().rpId(),
                request.format(),
                request.conformanceLevel(),
                request.keyAlgorithm(),
                request.hashType(),
                new Base64Bytes(request.hashBase64()),
                request.dataToBeDisplayed(),
                intake.signer(),
                now,
                deadline,
                request.callbackUrl(),
                nonce,
                request.state(),
                intake.traceparent());
        return new AcceptedRow(
                signatureId,
                intake.rp().rpId(),
                request.format().value(),
                request.hashType().value(),
                request.hashBase64(),
                request.dataToBeDisplayed(),
                request.requestTimestamp() == null ? null : utc(request.requestTimestamp()),
                request.callbackUrl(),
                nonce,
                request.state(),
                request.conformanceLevel().value(),
                request.keyAlgorithm().name(),
                utc(now),
                utc(deadline),
                intake.idempotencyKey(),
                intake.idempotencyKey() == null ? null : bodyHash,
                intake.idempotencyKey() == null ? null : utc(now.plus(properties.idempotencyTtl())),
                UUID.randomUUID(),
                EventTypes.SIGN_REQUESTED_V1.type(),
                intake.traceparent(),
                new String(codec.toJson(event), StandardCharsets.UTF_8));
    }

    private static String randomNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
