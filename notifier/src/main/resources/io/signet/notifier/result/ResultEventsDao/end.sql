-- One round trip for a batch of terminal results: records their event ids, ends each request with the first result
-- (in batch order) whose event was not processed before, and announces the ended rows on signet_result
-- (comma-separated signatureIds, 200 per notification, below PostgreSQL's 8,000-byte payload limit; sent at commit).
-- The first terminal result wins: a row that has ended (completed, failed or expired) is never changed again, and is
-- not returned.
with fresh as (
    insert into processed_event (event_id, topic)
    select e.event_id, e.topic
      from unnest(cast(:eventIds as text[]), cast(:topics as text[])) as e(event_id, topic)
    on conflict do nothing
    returning event_id
), ending as (
    select distinct on (e.signature_id) e.*
      from unnest(cast(:eventIds as text[]), cast(:signatureIds as text[]), cast(:rpIds as text[]),
                  cast(:statuses as text[]), cast(:signatures as text[]), cast(:certificates as text[]),
                  cast(:signatureTimestamps as text[]), cast(:errorCodes as text[]), cast(:messages as text[]),
                  cast(:endedAts as text[]), cast(:traceparents as text[])) with ordinality
           as e(event_id, signature_id, rp_id, status, signature, certificate, signature_timestamp, error_code,
                message, ended_at, traceparent, ord)
      join fresh using (event_id)
     order by e.signature_id, e.ord
), changed as (
    insert into signature_result (signature_id, rp_id, status, signature, certificate, signature_timestamp,
                                  error_code, message, ended_at, traceparent)
    select signature_id, rp_id, status, signature, certificate, signature_timestamp, error_code, message,
           cast(ended_at as timestamptz), traceparent
      from ending
    on conflict (signature_id) do update
        set status              = excluded.status,
            signature           = excluded.signature,
            certificate         = excluded.certificate,
            signature_timestamp = excluded.signature_timestamp,
            error_code          = excluded.error_code,
            message             = excluded.message,
            ended_at            = excluded.ended_at,
            -- the sign request's trace context, once registered, is the request's
            traceparent         = coalesce(signature_result.traceparent, excluded.traceparent)
        where signature_result.status = 'PENDING'
    returning *
), announced as (
    select pg_notify('signet_result', string_agg(signature_id, ','))
      from (select signature_id, (row_number() over () - 1) / 200 as chunk from changed) c
     group by chunk
)
select * from changed where (select count(*) from announced) >= 0
