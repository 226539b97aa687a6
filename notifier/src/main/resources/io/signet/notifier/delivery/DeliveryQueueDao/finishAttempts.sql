-- Applies the outcomes of a batch of attempts and records each attempt, in one statement. Each outcome is guarded
-- by the previous attempt count, so that a stale claim (an instance that overran its lease) cannot overwrite a newer
-- outcome; an outcome not applied is not recorded either. Returns the outcomes applied, as "id attempts".
with outcome as (
    select *
      from unnest(cast(:ids as uuid[]), cast(:attempts as int[]), cast(:statuses as text[]),
                  cast(:delays as bigint[]), cast(:errors as text[]), cast(:attemptedAts as text[]),
                  cast(:httpStatuses as int[]), cast(:latencies as bigint[]), cast(:outcomes as text[]))
           as o(id, attempt, status, delay_millis, error, attempted_at, http_status, latency_ms, outcome)
), finished as (
    update callback_delivery d
       set attempts        = o.attempt,
           status          = o.status,
           next_attempt_at = now() + o.delay_millis * interval '1 millisecond',
           last_error      = o.error,
           ended_at        = case when o.status = 'PENDING' then null else now() end
      from outcome o
     where d.id = o.id
       and d.status = 'PENDING'
       and d.attempts = o.attempt - 1
    returning d.id, d.attempts
), recorded as (
    insert into delivery_attempt (delivery_id, attempt, attempted_at, http_status, latency_ms, outcome, error)
    select o.id, o.attempt, cast(o.attempted_at as timestamptz), o.http_status, o.latency_ms, o.outcome, o.error
      from outcome o
      join finished f on f.id = o.id and f.attempts = o.attempt
    on conflict do nothing
)
select id || ' ' || attempts from finished
