insert into delivery_attempt (delivery_id, attempt, attempted_at, http_status, latency_ms, outcome, error)
select a.delivery_id, a.attempt, cast(a.attempted_at as timestamptz), a.http_status, a.latency_ms, a.outcome, a.error
  from unnest(cast(:deliveryIds as uuid[]), cast(:attempts as int[]), cast(:attemptedAts as text[]),
              cast(:httpStatuses as int[]), cast(:latencies as bigint[]), cast(:outcomes as text[]),
              cast(:errors as text[]))
       as a(delivery_id, attempt, attempted_at, http_status, latency_ms, outcome, error)
on conflict do nothing
