package io.signet.gateway.sign;

import io.signet.gateway.auth.RpClient;
import io.signet.schemas.SignerClaims;

/**
 * A sign request that passed authentication and validation, ready to be accepted.
 *
 * @param rp the authenticated RP
 * @param signer identity claims from the verified signer token
 * @param request the validated body
 * @param body the body as received, for the idempotency comparison
 * @param idempotencyKey the {@code Idempotency-Key} header, null when absent
 * @param traceparent W3C traceparent of the HTTP request, null when unknown
 */
public record Intake(
        RpClient rp,
        SignerClaims signer,
        OnetimeRequest request,
        byte[] body,
        String idempotencyKey,
        String traceparent) {}
