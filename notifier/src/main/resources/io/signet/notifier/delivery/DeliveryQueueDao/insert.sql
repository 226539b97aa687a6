-- Creates a batch of deliveries; a request that already has a delivery of a kind keeps it (and is not returned).
insert into callback_delivery (id, signature_id, rp_id, kind, url, endpoint, host, event_type, body, status,
                               next_attempt_at, created_at, traceparent)
select cast(d.id as uuid), d.signature_id, d.rp_id, d.kind, d.url, d.endpoint, d.host, d.event_type, d.body,
       'PENDING', cast(:dueAt as timestamptz), cast(:createdAt as timestamptz), d.traceparent
  from unnest(cast(:ids as text[]), cast(:signatureIds as text[]), cast(:rpIds as text[]), cast(:kinds as text[]),
              cast(:urls as text[]), cast(:endpoints as text[]), cast(:hosts as text[]), cast(:eventTypes as text[]),
              cast(:bodies as text[]), cast(:traceparents as text[]))
       as d(id, signature_id, rp_id, kind, url, endpoint, host, event_type, body, traceparent)
on conflict (signature_id, kind) do nothing
returning *
