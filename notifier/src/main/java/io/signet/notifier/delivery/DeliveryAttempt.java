package io.signet.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver a callback.
 *
 * @param deliveryId the delivery
 * @param attempt attempt number, from 1
 * @param attemptedAt when the request was started
 * @param httpStatus answer's status code; null when none was received (timeout, refused, I/O error)
 * @param latencyMs time from start to the answer or failure, in milliseconds
 * @param outcome what the attempt led to
 * @param error short description of the failure; null on success
 */
public record DeliveryAttempt(
        UUID deliveryId,
        int attempt,
        Instant attemptedAt,
        Integer httpStatus,
        long latencyMs,
        AttemptOutcome outcome,
        String error) {}
