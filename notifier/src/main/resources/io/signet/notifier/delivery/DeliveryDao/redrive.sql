update callback_delivery
   set status          = 'PENDING',
       schedule_offset = attempts,
       next_attempt_at = now(),
       ended_at        = null
 where id = :id
   and status in ('DEAD', 'DISABLED')
returning *
