update callback_delivery
   set next_attempt_at = now() + :delayMillis * interval '1 millisecond'
 where id = any(:ids)
   and status = 'PENDING'
