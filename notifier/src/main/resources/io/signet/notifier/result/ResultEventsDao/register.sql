-- One round trip for a batch of sign requests: records their event ids, registers the details of the first request
-- (in batch order) per signatureId whose event was not processed before, and announces the changed rows on
-- signet_result (as end.sql does). A row that a result created earlier gets the request's details; a row registered
-- before is left alone and not returned.
with fresh as (
    insert into processed_event (event_id, topic)
    select e.event_id, e.topic
      from unnest(cast(:eventIds as text[]), cast(:topics as text[])) as e(event_id, topic)
    on conflict do nothing
    returning event_id
), registration as (
    select distinct on (r.signature_id) r.*
      from unnest(cast(:eventIds as text[]), cast(:signatureIds as text[]), cast(:rpIds as text[]),
                  cast(:deadlines as text[]), cast(:callbackUrls as text[]), cast(:nonces as text[]),
                  cast(:states as text[]), cast(:traceparents as text[])) with ordinality
           as r(event_id, signature_id, rp_id, deadline, callback_url, nonce, state, traceparent, ord)
      join fresh using (event_id)
     order by r.signature_id, r.ord
), changed as (
    insert into signature_result (signature_id, rp_id, status, registered, deadline, callback_url, nonce, state,
                                  traceparent)
    select signature_id, rp_id, 'PENDING', true, cast(deadline as timestamptz), callback_url, nonce, state,
           traceparent
      from registration
    on conflict (signature_id) do update
        set registered   = true,
            deadline     = excluded.deadline,
            callback_url = excluded.callback_url,
            nonce        = excluded.nonce,
            state        = excluded.state,
            traceparent  = excluded.traceparent
        where not signature_result.registered
    returning *
), announced as (
    select pg_notify('signet_result', string_agg(signature_id, ','))
      from (select signature_id, (row_number() over () - 1) / 200 as chunk from changed) c
     group by chunk
)
select * from changed where (select count(*) from announced) >= 0
