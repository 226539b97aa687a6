update callback_delivery
   set attempts        = :attempts,
       status          = :status,
       next_attempt_at = now() + :delayMillis * interval '1 millisecond',
       last_error      = :error,
       ended_at        = case when :status = 'PENDING' then null else now() end
 where id = :id
   and status = 'PENDING'
   and attempts = :attempts - 1
