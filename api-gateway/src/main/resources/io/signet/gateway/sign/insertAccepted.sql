with idempotency as (
    insert into gateway.idempotency_key (rp_id, idempotency_key, body_hash, signature_id, accepted_at, expires_at)
    select :rpId, cast(:idempotencyKey as text), :bodyHash, :signatureId, :acceptedAt, :idempotencyExpiresAt
     where cast(:idempotencyKey as text) is not null
    on conflict (rp_id, idempotency_key) do nothing
    returning signature_id
), request as (
    insert into gateway.sign_request (signature_id, rp_id, format, hash_type, hash, data_to_be_displayed,
                                      request_timestamp, callback_url, nonce, state, conformance_level,
                                      key_algorithm, accepted_at, deadline)
    select :signatureId, :rpId, :format, :hashType, :hash, :dataToBeDisplayed, :requestTimestamp, :callbackUrl,
           :nonce, :state, :conformanceLevel, :keyAlgorithm, :acceptedAt, :deadline
     where cast(:idempotencyKey as text) is null or exists (select 1 from idempotency)
    returning signature_id
)
insert into gateway.outbox (id, aggregate_type, aggregate_id, event_type, occurred_at, traceparent, payload)
select :eventId, 'sign_request', :signatureId, :eventType, :acceptedAt, :traceparent, :payload
 where exists (select 1 from request);
delete from gateway.outbox where id = :eventId
