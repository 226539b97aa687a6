-- Applies the outcomes of a batch of attempts. Each is guarded by the previous attempt count, so that a stale claim
-- (an instance that overran its lease) cannot overwrite a newer outcome. Returns the outcomes applied.
update callback_delivery d
   set attempts        = f.attempts,
       status          = f.status,
       next_attempt_at = now() + f.delay_millis * interval '1 millisecond',
       last_error      = f.error,
       ended_at        = case when f.status = 'PENDING' then null else now() end
  from unnest(cast(:ids as uuid[]), cast(:attempts as int[]), cast(:statuses as text[]),
              cast(:delays as bigint[]), cast(:errors as text[]))
       as f(id, attempts, status, delay_millis, error)
 where d.id = f.id
   and d.status = 'PENDING'
   and d.attempts = f.attempts - 1
returning d.id || ' ' || d.attempts
