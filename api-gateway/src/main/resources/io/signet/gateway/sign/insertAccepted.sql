with request as (
    insert into gateway.sign_request (signature_id, rp_id, format, hash_type, hash, data_to_be_displayed,
                                      request_timestamp, callback_url, nonce, state, conformance_level,
                                      key_algorithm, accepted_at, deadline)
    values (:signatureId, :rpId, :format, :hashType, :hash, :dataToBeDisplayed, :requestTimestamp, :callbackUrl,
            :nonce, :state, :conformanceLevel, :keyAlgorithm, :acceptedAt, :deadline)
), idempotency as (
    insert into gateway.idempotency_key (rp_id, idempotency_key, body_hash, signature_id, accepted_at, expires_at)
    select :rpId, cast(:idempotencyKey as text), :bodyHash, :signatureId, :acceptedAt, :idempotencyExpiresAt
     where cast(:idempotencyKey as text) is not null
)
insert into gateway.outbox (id, aggregate_type, aggregate_id, event_type, occurred_at, traceparent, payload)
values (:eventId, 'sign_request', :signatureId, :eventType, :acceptedAt, :traceparent, :payload);
delete from gateway.outbox where id = :eventId
